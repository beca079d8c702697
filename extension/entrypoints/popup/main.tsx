import { render } from 'preact';
import { browser } from 'wxt/browser';
import { typedSender, type Request } from '../../messaging';
import { Popup, type HealthConsent } from '../../popup/Popup';
import { memoize } from '../../sidebar/translate';
import { TEAM_PORT } from '../../team';
import '../../popup/popup.css';

const send = typedSender((message: Request) => browser.runtime.sendMessage(message));
const t = memoize((key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
document.documentElement.dir = t('dir') === 'rtl' ? 'rtl' : 'ltr';
document.documentElement.lang = browser.i18n.getUILanguage();
const team = () => browser.runtime.connect({ name: TEAM_PORT });
// Firefox asks the user's consent for the optional data an extension declares (wxt.config.ts).
const HEALTH = { data_collection: ['technicalAndInteraction'] } as unknown as Parameters<typeof browser.permissions.request>[0];
const healthConsent: HealthConsent | undefined = import.meta.env.FIREFOX
  ? {
      granted: () => browser.permissions.contains(HEALTH),
      request: () => browser.permissions.request(HEALTH),
    }
  : undefined;
render(<Popup send={send} t={t} team={team} healthConsent={healthConsent} />, document.getElementById('root')!);
