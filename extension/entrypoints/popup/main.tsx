import { render } from 'preact';
import { browser } from 'wxt/browser';
import { typedSender, type Request } from '../../messaging';
import { Popup } from '../../popup/Popup';
import { TEAM_PORT } from '../../team';
import '../../popup/popup.css';

const send = typedSender((message: Request) => browser.runtime.sendMessage(message));
document.documentElement.dir = browser.i18n.getMessage('dir') === 'rtl' ? 'rtl' : 'ltr';
document.documentElement.lang = browser.i18n.getUILanguage();
const team = () => browser.runtime.connect({ name: TEAM_PORT });
render(<Popup send={send} team={team} />, document.getElementById('root')!);
