// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkState, Send } from '../messaging';
import { messagesOf } from '../sidebar/testing';
import type { TeamPush } from '../team';
import { Popup, type HealthConsent, type PopupPort } from './Popup';

const signedIn: LinkState = {
  coordinatorUrl: 'http://192.168.1.20:8787',
  linked: true,
  signedIn: { agentId: 'ana', name: 'Ana', workspace: 'Padaria Central' },
  connection: 'live',
  lastError: null,
};
const agent = (status: string) => ({ id: 'ana', name: 'Ana', email: 'ana@x.test', role: 'agent', skills: [], capacity: 5, status, statusChangedAt: '2026-03-02T09:00:00.000Z', lastSeenAt: null });

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(state: LinkState, locale = 'en', healthConsent?: HealthConsent) {
  root = document.createElement('div');
  document.body.append(root);
  const calls: [string, unknown][] = [];
  const listeners: ((m: unknown) => void)[] = [];
  let disconnected = false;
  const port: PopupPort = { onMessage: { addListener: (l) => listeners.push(l) }, disconnect: () => (disconnected = true) };
  const send = (async (type: string, args: unknown) => {
    calls.push([type, args]);
    return type === 'getState' ? state : null;
  }) as Send;
  await act(async () => render(<Popup send={send} t={messagesOf(locale)} team={() => port} healthConsent={healthConsent} />, root));
  await act(async () => undefined);
  const push = (p: TeamPush) => act(() => listeners.forEach((l) => l(p)));
  return { calls, push, disconnected: () => disconnected };
}

const radio = (label: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)?.querySelector('input') as HTMLInputElement;

describe('popup', () => {
  it('links with labelled fields', async () => {
    await mount({ ...signedIn, linked: false, signedIn: null });
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Coordinator address', 'Pairing code', 'Name of this browser']);
  });

  it('shows who is signed in, the connection, and switches the agent’s status', async () => {
    const { calls, push } = await mount(signedIn);
    expect(root.textContent).toContain('Signed in as Ana (Padaria Central)');
    expect(root.querySelector('[data-testid="connection"]')?.textContent).toBe('Connected');
    expect(root.textContent).toContain('ends your session on this browser only');
    push({ type: 'team', team: { me: null, connection: 'live', outbox: 0, agents: [agent('away') as never], conversations: [], cannedResponses: [], tags: [], automatic: null } });
    expect(radio('Away').checked).toBe(true);
    expect(radio('Online').checked).toBe(false);

    await act(async () => radio('On break').click());
    expect(calls).toContainEqual(['act', { type: 'status', status: 'on_break' }]);
    expect(radio('On break').checked).toBe(true);
    push({ type: 'agent', agent: agent('online') as never });
    expect(radio('Online').checked).toBe(true);
  });

  it('speaks the browser’s language: Portuguese and Arabic', async () => {
    await mount({ ...signedIn, linked: false, signedIn: null }, 'pt_BR');
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Endereço do coordenador', 'Código de pareamento', 'Nome deste navegador']);
    expect(root.querySelector('button')?.textContent).toBe('Vincular este navegador');
    expect((root.querySelector('input[name="name"]') as HTMLInputElement).value).toBe('Recepção');
    render(null, root);
    root.remove();

    await mount(signedIn, 'ar');
    expect(root.textContent).toContain('مسجّل الدخول باسم Ana (Padaria Central)');
    expect(root.querySelector('strong')?.textContent).toBe('Ana');
    expect(root.querySelector('[data-testid="connection"]')?.textContent).toBe('متصل');
    expect(root.querySelector('legend')?.textContent).toBe('حالتك');
    expect(radio('في استراحة')).toBeTruthy();
    expect(root.textContent).not.toMatch(/Signed in|Your status|Sign out/);
  });
});

describe('health report consent (Firefox)', () => {
  it('asks for it once signed in, and shows it given; nothing to ask where the browser asks no consent', async () => {
    let granted = false;
    const asked: number[] = [];
    await mount(signedIn, 'en', { granted: async () => granted, request: async () => (asked.push(1), (granted = true)) });
    const box = root.querySelector('[data-testid="health-consent"] input') as HTMLInputElement;
    expect(root.querySelector('[data-testid="health-consent"]')!.textContent).toContain('never messages');
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    expect(asked).toEqual([1]);
    expect(box.checked).toBe(true);
    render(null, root);
    root.remove();
    await mount(signedIn);
    expect(root.querySelector('[data-testid="health-consent"]')).toBeNull();
  });
});
