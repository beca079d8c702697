// A shop for the automatic-message tests (issue #8): business hours, automatic messages, four
// linked devices with an agent on each, one chat, and real WebSockets. Real SQLite, injected time.
import { afterEach, expect, vi } from 'vitest';
import type { AutomaticIntentView } from '../../shared/api';
import type { ServerMsg } from '../../shared/protocol';
import { listen, TestDevice, testCoordinator, type Json, type TestCoordinator } from './harness';

export let t: TestCoordinator;
export let server: Awaited<ReturnType<typeof listen>> | null = null;
const sockets: TestDevice[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = null;
  t?.close();
});

/** A new coordinator for the test, closed after it (the shop's, or one of the test's own). */
export function coordinatorAt(at?: number): TestCoordinator {
  t = testCoordinator(at);
  return t;
}

export const MINUTE = 60_000;
export const iso = (ms: number) => new Date(ms).toISOString();
// Monday to Friday, 09:00-17:00 in Lisbon (UTC+0 in winter). 2026-03-02 is a Monday.
export const HOURS = { timezone: 'Europe/Lisbon', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])), overrides: [] };
export const OPEN = '2026-03-02T10:00:00Z';
export const CLOSED = '2026-03-02T20:00:00Z';
export const GREETING = 'Olá! Thanks for writing, we will be right with you.';
export const AWAY = 'We are closed now; we answer from 9:00.';
export const BOTH = { greeting: { enabled: true, text: GREETING }, away: { enabled: true, text: AWAY } };
export const NAMES = ['Ana', 'Bruno', 'Carla', 'Davi'] as const;
export type Name = (typeof NAMES)[number];

/** A shop with business hours, its automatic messages, four linked devices (an agent on each) and a chat. */
export async function shop(at: string, automatic: Json = BOTH) {
  coordinatorAt(Date.parse(at));
  const owner = await t.setup();
  expect((await t.call('PUT', '/workspace/hours', { token: owner.token, body: HOURS })).status).toBe(200);
  expect((await t.call('PUT', '/workspace/automatic', { token: owner.token, body: automatic })).status).toBe(200);
  const agents = {} as Record<Name, { id: string; token: string; deviceId: string }>;
  for (const name of NAMES) {
    const device = (await t.linkDevice(owner.token, `${name}'s browser`)).body;
    agents[name] = { ...(await t.addAgent(owner.token, name, { deviceToken: device.deviceToken })), deviceId: device.id };
  }
  const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { jid: '351912345678@c.us', title: 'Inês', avatar: 'a:ines01' } })).body;
  let n = 0;
  const message = (token: string, direction: 'in' | 'out', extra: Json = {}) =>
    t.call('POST', '/messages', {
      token,
      body: { messages: [{ conversationId: chat.id, waMessageId: `m${++n}`, direction, at: iso(t.now()), ...extra }] },
    });
  const intents = () => t.sqlite.prepare('select * from automatic_messages order by created_at').all() as Json[];
  const events = async (type: string) =>
    ((await t.call('GET', `/events?conversationId=${chat.id}`, { token: owner.token })).body as { type: string; deviceId: string | null; data: Json }[]).filter(
      (e) => e.type === type,
    );
  const view = async () => (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
  const result = (name: Name, id: string, body: Json) => t.call('POST', `/automatic-messages/${id}/result`, { token: agents[name].token, body });
  return { owner, agents, chat, message, intents, events, view, result };
}

export type Shop = Awaited<ReturnType<typeof shop>>;

/** Every device on a real WebSocket; `ready` ones say they can send. */
export async function connect(s: Shop, ready: Name[]) {
  server = await listen(t);
  const at = {} as Record<Name, TestDevice>;
  for (const name of NAMES) {
    at[name] = (await TestDevice.connect(server.wsUrl, s.agents[name].token)).device;
    sockets.push(at[name]);
  }
  await say(s, at, ready, { type: 'sender', ready: true });
  return at;
}

/**
 * A device tells the hub something over its socket; returns once the hub has taken it in (the
 * hub leases what waits the moment a device is ready, in the same step) and every socket got
 * what it sent in consequence.
 */
export async function say(s: Shop, at: Record<Name, TestDevice>, names: Name[], msg: { type: 'sender'; ready: boolean } | { type: 'presence'; conversationId: string; state: 'typing' }) {
  for (const name of names) at[name].send(msg);
  const workspaceId = (await t.call('GET', '/workspace', { token: s.owner.token })).body.id as string;
  await vi.waitFor(() => {
    const senders = t.deps.hub.readySenders(workspaceId);
    const taken = names.map((name) => {
      const seen = senders.find((r) => r.deviceId === s.agents[name].deviceId);
      return msg.type === 'sender' ? Boolean(seen) === msg.ready : seen?.typing === true;
    });
    expect(taken).toEqual(names.map(() => true));
  });
  await flush(s, at);
}

let flushes = 0;
/** Waits until every socket got an event published after everything sent so far (messages on one socket keep their order). */
export async function flush(s: Shop, at: Record<Name, TestDevice>) {
  const name = `flush-${++flushes}`;
  const arrived = NAMES.map((who) => at[who].next((m) => m.type === 'event' && m.event.type === 'tag.created' && JSON.stringify(m.event.data).includes(name)));
  expect((await t.call('POST', '/tags', { token: s.owner.token, body: { name } })).status).toBe(201);
  await Promise.all(arrived);
}

export const leasesAt = (socket: TestDevice): AutomaticIntentView[] => socket.received.flatMap((m: ServerMsg) => (m.type === 'automatic' ? [m.intent] : []));
export const holders = (at: Record<Name, TestDevice>) => NAMES.filter((name) => leasesAt(at[name]).length > 0);

