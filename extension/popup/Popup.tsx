// Links this browser profile to the team's coordinator, then signs an agent in on it; once
// signed in, shows who and whether the coordinator is reachable, and switches the agent's status.
import { useEffect, useState } from 'preact/hooks';
import type { AgentStatus } from '../../shared/domain/status';
import type { LinkState, Send } from '../messaging';
import type { TeamPush } from '../team';

/** The part of runtime.Port the popup uses (it listens on the TEAM_PORT like a tab). */
export interface PopupPort {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  disconnect(): void;
}

const STATUSES: { value: Exclude<AgentStatus, 'offline'>; label: string }[] = [
  { value: 'online', label: 'Online' },
  { value: 'away', label: 'Away' },
  { value: 'on_break', label: 'On break' },
];

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

export function Popup({ send, team }: { send: Send; team?: () => PopupPort }) {
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

  if (!state) return <main class="popup"><p>Loading…</p></main>;
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
          <p>Link this browser to your team. The owner’s page gives you a pairing code.</p>
          <label>
            Coordinator address
            <input name="coordinator" required placeholder="http://192.168.1.20:8787" autocomplete="url" />
          </label>
          <label>
            Pairing code
            <input name="code" required placeholder="ABCD-EFGH" autocomplete="off" />
          </label>
          <label>
            Name of this browser
            <input name="name" required defaultValue="Front desk" />
          </label>
          <button disabled={busy}>Link this browser</button>
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
          <p>Linked to {state.coordinatorUrl}. Sign in with your own account.</p>
          <label>
            Email
            <input name="email" type="email" required autocomplete="username" />
          </label>
          <label>
            Password
            <input name="password" type="password" required autocomplete="current-password" />
          </label>
          <button disabled={busy}>Sign in</button>
        </form>
      )}
      {state.signedIn && (
        <section>
          <p>
            Signed in as <strong>{state.signedIn.name}</strong> ({state.signedIn.workspace})
          </p>
          <p class={`connection ${state.connection}`} data-testid="connection" role="status">
            {state.connection === 'live' ? 'Connected' : state.connection === 'connecting' ? 'Connecting…' : 'Coordinator unreachable: retrying'}
          </p>
          <fieldset class="status">
            <legend>Your status</legend>
            {STATUSES.map(({ value: option, label }) => (
              <label key={option} class="choice">
                <input type="radio" name="status" value={option} checked={shown === option} onChange={() => void setStatus(option)} />
                {label}
              </label>
            ))}
            {shown === 'offline' && <p class="hint">Offline: choose a status to be back.</p>}
          </fieldset>
          <button disabled={busy} onClick={() => void act(() => send('signOut', null))}>
            Sign out on this browser
          </button>
          <p class="hint">Signing out here ends your session on this browser only; your other devices stay signed in.</p>
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
