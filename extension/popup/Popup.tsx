// Links this browser profile to the team's coordinator, then signs an agent in on it.
import { useEffect, useState } from 'preact/hooks';
import type { LinkState, Send } from '../messaging';

export function Popup({ send }: { send: Send }) {
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
          <p class={`connection ${state.connection}`} data-testid="connection">
            {state.connection === 'live' ? 'Connected' : state.connection === 'connecting' ? 'Connecting…' : 'Coordinator unreachable: retrying'}
          </p>
          <button disabled={busy} onClick={() => void act(() => send('signOut', null))}>
            Sign out on this browser
          </button>
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
