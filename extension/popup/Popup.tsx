// Links this browser profile to the team's coordinator, then signs an agent in on it; once
// signed in, shows who and whether the coordinator is reachable, and switches the agent's status.
import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AgentStatus } from '../../shared/domain/status';
import type { LinkState, Send } from '../messaging';
import type { Translate } from '../sidebar/translate';
import type { TeamPush } from '../team';

/** The part of runtime.Port the popup uses (it listens on the TEAM_PORT like a tab). */
export interface PopupPort {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  disconnect(): void;
}

const STATUSES: { value: Exclude<AgentStatus, 'offline'>; labelKey: string }[] = [
  { value: 'online', labelKey: 'popupStatusOnline' },
  { value: 'away', labelKey: 'popupStatusAway' },
  { value: 'on_break', labelKey: 'popupStatusOnBreak' },
];

/** A translated sentence with one substitution shown as an element (a name in bold), wherever the language puts it. */
function withElement(t: Translate, key: string, element: ComponentChild, rest: string[] = []) {
  const mark = '\uE000';
  const [before = '', ...after] = t(key, [mark, ...rest]).split(mark);
  return (
    <>
      {before}
      {element}
      {after.join('')}
    </>
  );
}

/** The signed-in agent's status as the background shows it (with unsent changes applied). */
function useMyStatus(connect: (() => PopupPort) | undefined, agentId: string | null): AgentStatus | null {
  const [status, setStatus] = useState<AgentStatus | null>(null);
  useEffect(() => {
    if (!connect || !agentId) return;
    const port = connect();
    port.onMessage.addListener((message) => {
      const push = message as TeamPush;
      if (push.type === 'team') setStatus(push.team.agents.find((a) => a.id === agentId)?.status ?? null);
      else if (push.type === 'agent' && push.agent.id === agentId) setStatus(push.agent.status);
    });
    return () => port.disconnect();
  }, [connect, agentId]);
  return status;
}

/**
 * Firefox's consent to the optional data Baton declares (`technicalAndInteraction`: the report
 * of which parts of WhatsApp Web this browser can read, for the owner's Devices table). Absent
 * where the browser asks no consent for it (Chrome).
 */
export interface HealthConsent {
  granted(): Promise<boolean>;
  /** Asks the browser; must run inside the click that asked. */
  request(): Promise<boolean>;
}

function HealthConsentChoice({ t, consent }: { t: Translate; consent: HealthConsent }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => void consent.granted().then(setGranted, () => setGranted(false)), [consent]);
  if (granted === null) return null;
  return (
    <label class="choice" data-testid="health-consent">
      <input type="checkbox" checked={granted} disabled={granted} onChange={() => void consent.request().then(setGranted, () => setGranted(false))} />
      {t('popupHealthConsent')}
    </label>
  );
}

export function Popup({ send, t, team, healthConsent }: { send: Send; t: Translate; team?: () => PopupPort; healthConsent?: HealthConsent }) {
  const [state, setState] = useState<LinkState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const load = () => send('getState', null).then(setState, (e: Error) => setError(e.message));
    void load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [send]);

  async function act(work: () => Promise<LinkState>) {
    setBusy(true);
    setError(null);
    try {
      setState(await work());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const status = useMyStatus(team, state?.signedIn?.agentId ?? null);
  const [chosen, setChosen] = useState<AgentStatus | null>(null);
  const shown = chosen ?? status;
  useEffect(() => setChosen(null), [status]);

  async function setStatus(next: Exclude<AgentStatus, 'offline'>) {
    setChosen(next);
    setError(null);
    try {
      await send('act', { type: 'status', status: next });
    } catch (e) {
      setChosen(null);
      setError((e as Error).message);
    }
  }

  const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;

  if (!state) return <main class="popup"><p>{t('popupLoading')}</p></main>;
  return (
    <main class="popup" aria-busy={busy}>
      <h1>Baton</h1>
      {!state.linked && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            void act(() => send('link', { coordinatorUrl: value(form, 'coordinator'), code: value(form, 'code'), name: value(form, 'name') }));
          }}
        >
          <p>{t('popupLinkIntro')}</p>
          <label>
            {t('popupCoordinatorAddress')}
            <input name="coordinator" required placeholder="http://192.168.1.20:8787" autocomplete="url" />
          </label>
          <label>
            {t('popupPairingCode')}
            <input name="code" required placeholder="ABCD-EFGH" autocomplete="off" />
          </label>
          <label>
            {t('popupBrowserName')}
            <input name="name" required defaultValue={t('popupBrowserNameDefault')} />
          </label>
          <button disabled={busy}>{t('popupLink')}</button>
        </form>
      )}
      {state.linked && !state.signedIn && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            void act(() => send('signIn', { email: value(form, 'email'), password: value(form, 'password') }));
          }}
        >
          <p>{t('popupLinkedTo', [state.coordinatorUrl ?? ''])}</p>
          <label>
            {t('popupEmail')}
            <input name="email" type="email" required autocomplete="username" />
          </label>
          <label>
            {t('popupPassword')}
            <input name="password" type="password" required autocomplete="current-password" />
          </label>
          <button disabled={busy}>{t('popupSignIn')}</button>
        </form>
      )}
      {state.signedIn && (
        <section>
          <p>{withElement(t, 'popupSignedInAs', <strong>{state.signedIn.name}</strong>, [state.signedIn.workspace])}</p>
          <p class={`connection ${state.connection}`} data-testid="connection" role="status">
            {t(state.connection === 'live' ? 'popupConnected' : state.connection === 'connecting' ? 'popupConnecting' : 'popupUnreachable')}
          </p>
          <fieldset class="status">
            <legend>{t('popupYourStatus')}</legend>
            {STATUSES.map(({ value: option, labelKey }) => (
              <label key={option} class="choice">
                <input type="radio" name="status" value={option} checked={shown === option} onChange={() => void setStatus(option)} />
                {t(labelKey)}
              </label>
            ))}
            {shown === 'offline' && <p class="hint">{t('popupOfflineHint')}</p>}
          </fieldset>
          <button disabled={busy} onClick={() => void act(() => send('signOut', null))}>
            {t('popupSignOut')}
          </button>
          <p class="hint">{t('popupSignOutHint')}</p>
          {healthConsent && <HealthConsentChoice t={t} consent={healthConsent} />}
        </section>
      )}
      {(error ?? state.lastError) && (
        <p class="error" role="alert">
          {error ?? state.lastError}
        </p>
      )}
    </main>
  );
}
