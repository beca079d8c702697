import { render } from 'preact';
import { browser } from 'wxt/browser';
import { typedSender, type Request } from '../../messaging';
import { Popup } from '../../popup/Popup';
import { memoize } from '../../sidebar/translate';
import { TEAM_PORT } from '../../team';
import '../../popup/popup.css';

const send = typedSender((message: Request) => browser.runtime.sendMessage(message));
const t = memoize((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
document.documentElement.dir = t('dir') === 'rtl' ? 'rtl' : 'ltr';
document.documentElement.lang = browser.i18n.getUILanguage();
const team = () => browser.runtime.connect({ name: TEAM_PORT });
render(<Popup send={send} t={t} team={team} />, document.getElementById('root')!);
