// The realtime endpoint over real sockets: a real HTTP + WebSocket server on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol';
import { createWorkspace } from '../workspaces';
import { listen, TestDevice, testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
let server: Awaited<ReturnType<typeof listen>> | undefined;
const devices: TestDevice[] = [];

afterEach(async () => {
  for (const d of devices.splice(0)) d.close();
  await server?.close();
  server = undefined;
  t?.close();
});

async function connect(token: string, lastSeq?: number) {
  const result = await TestDevice.connect(server!.wsUrl, token, lastSeq);
  devices.push(result.device);
  return result;
}

async function teamOf(n: number) {
  t = testCoordinator();
  server = await listen(t);
  const owner = await t.setup();
  const agents = [];
  for (let i = 0; i < n; i++) {
    const device = (await t.linkDevice(owner.token, `Device ${i + 1}`)).body;
    agents.push(await t.addAgent(owner.token, `Agent ${i + 1}`, { deviceToken: device.deviceToken }));
  }
  return { owner, agents };
}

const http = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${server!.url}/api/v1${path}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('realtime', () => {
  it('greets a device with a snapshot and pushes every change to every device', async () => {
    const { owner, agents } = await teamOf(3);
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const connected = await Promise.all(agents.map((a) => connect(a.token)));
    for (const { welcome } of connected) {
      expect(welcome.v).toBe(PROTOCOL_VERSION);
      expect(welcome.snapshot!.conversations.map((c) => c.id)).toEqual([chat.id]);
      expect(welcome.snapshot!.agents).toHaveLength(4);
      expect(JSON.stringify(welcome.snapshot)).not.toContain('passwordHash');
    }
    const arrivals = connected.map(({ device }) => device.next((m) => m.type === 'event' && m.event.type === 'assignee.changed'));
    expect((await http(`/conversations/${chat.id}/claim`, agents[0]!.token)).status).toBe(200);
    for (const message of await Promise.all(arrivals)) {
      expect(message).toMatchObject({ type: 'event', event: { conversationId: chat.id, actorId: agents[0]!.id, data: { to: agents[0]!.id } } });
    }
  });

  it('twenty agents claim over HTTP at once: one winner, and all four devices agree', async () => {
    const { owner, agents } = await teamOf(4);
    const more = [];
    for (let i = 5; i <= 20; i++) more.push(await t.addAgent(owner.token, `Agent ${i}`));
    const claimers = [...agents, ...more];
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const watchers = await Promise.all(agents.map((a) => connect(a.token)));
    const seen = watchers.map(({ device }) => device.next((m) => m.type === 'event' && m.event.type === 'assignee.changed'));

    const responses = await Promise.all(claimers.map((a) => http(`/conversations/${chat.id}/claim`, a.token)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { assignee: string }[];
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [bodies[i]!.assignee] : []));
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    for (const message of await Promise.all(seen)) {
      expect(message.type === 'event' && message.event.data.to).toBe(winners[0]);
    }
    await new Promise((r) => setTimeout(r, 100));
    for (const { device } of watchers) expect(device.events('assignee.changed')).toHaveLength(1);
  });

  it('a device that reconnects with its last sequence number gets what it missed, not the world', async () => {
    const { owner, agents } = await teamOf(2);
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const first = await connect(agents[1]!.token);
    const lastSeq = first.welcome.seq;
    first.device.close();
    await first.device.closed();

    await t.call('POST', `/conversations/${chat.id}/claim`, { token: agents[0]!.token });
    await t.call('POST', `/conversations/${chat.id}/notes`, { token: agents[0]!.token, body: { text: 'Missed this' } });
    const again = await connect(agents[1]!.token, lastSeq);
    expect(again.welcome.snapshot).toBeUndefined();
    expect(again.welcome.missed!.map((e) => e.type)).toEqual(['assignee.changed', 'note.created']);
    expect(again.welcome.seq).toBe(again.welcome.missed!.at(-1)!.seq);

    // Nothing missed: an empty list, still no snapshot.
    const upToDate = await connect(agents[1]!.token, again.welcome.seq);
    expect(upToDate.welcome.missed).toEqual([]);
    // Too far behind (or from another database): a snapshot instead.
    const ahead = await connect(agents[1]!.token, again.welcome.seq + 1000);
    expect(ahead.welcome.snapshot).toBeDefined();
  });

  it('falls back to a snapshot when more than a thousand events were missed', async () => {
    const { owner, agents } = await teamOf(1);
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const { welcome } = await connect(agents[0]!.token);
    const messages = Array.from({ length: 400 }, (_, i) => ({ conversationId: chat.id, waMessageId: `m${i}`, direction: 'in', at: new Date(t.now()).toISOString() }));
    for (let batch = 0; batch < 3; batch++) {
      // 1,200 events in all: more than the 1,000 a device may resume from.
      await t.call('POST', '/messages', { token: owner.token, body: { messages: messages.map((m) => ({ ...m, waMessageId: `${m.waMessageId}-${batch}` })) } });
    }
    const late = await connect(agents[0]!.token, welcome.seq);
    expect(late.welcome.missed).toBeUndefined();
    expect(late.welcome.snapshot!.conversations[0]!.id).toBe(chat.id);
  });

  it('passes typing and viewing through to the others without storing them, and clears them on disconnect', async () => {
    const { agents } = await teamOf(3);
    const [ana, bruno, carla] = await Promise.all(agents.map((a) => connect(a.token)));
    const events = () => (t.sqlite.prepare('select count(*) n from events').get() as { n: number }).n;
    const before = events();
    const atBruno = bruno!.device.next((m) => m.type === 'presence');
    const atCarla = carla!.device.next((m) => m.type === 'presence');
    ana!.device.send({ type: 'presence', conversationId: 'c1', state: 'typing' });
    for (const m of await Promise.all([atBruno, atCarla])) {
      expect(m).toMatchObject({ type: 'presence', agentId: agents[0]!.id, conversationId: 'c1', state: 'typing' });
    }
    const idle = bruno!.device.next((m) => m.type === 'presence' && m.state === 'idle');
    ana!.device.close();
    expect(await idle).toMatchObject({ agentId: agents[0]!.id, conversationId: 'c1' });
    expect(ana!.device.received.filter((m) => m.type === 'presence')).toHaveLength(0);
    expect(events()).toBe(before);
  });

  it('keeps workspaces apart on the wire', async () => {
    const { owner, agents } = await teamOf(1);
    await createWorkspace(t.db, t.now(), { workspace: 'B', name: 'Bea', email: 'bea@b.test', password: 'bea-pass-12' }, { onlyIfFirst: false });
    const bea = (await t.call('POST', '/sessions', { body: { email: 'bea@b.test', password: 'bea-pass-12' } })).body.token;
    const inA = await connect(agents[0]!.token);
    const inB = await connect(bea);
    expect(inB.welcome.snapshot!.agents.map((a) => a.name)).toEqual(['Bea']);
    const seenInA = inA.device.next((m) => m.type === 'event' && m.event.type === 'conversation.created');
    await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Secret customer' } });
    await seenInA;
    inA.device.send({ type: 'presence', conversationId: 'c1', state: 'viewing' });
    await new Promise((r) => setTimeout(r, 150));
    expect(JSON.stringify(inB.device.received.slice(1))).toBe('[]');
  });

  it('refuses a bad hello with a reason and a close code the device can act on', async () => {
    const { agents } = await teamOf(1);
    const attempt = async (messages: unknown[]) => {
      const socket = new WebSocket(server!.wsUrl);
      await new Promise((r) => socket.once('open', r));
      const received: unknown[] = [];
      socket.on('message', (d) => received.push(JSON.parse(String(d))));
      const closed = new Promise<number>((r) => socket.once('close', (code) => r(code)));
      for (const m of messages) socket.send(typeof m === 'string' ? m : JSON.stringify(m));
      return { code: await closed, received };
    };
    const wrongToken = await attempt([{ type: 'hello', v: PROTOCOL_VERSION, token: 'bts_nope' }]);
    expect(wrongToken).toMatchObject({ code: CLOSE_CODES.unauthorized, received: [{ type: 'error', code: 'unauthorized' }] });
    const oldVersion = await attempt([{ type: 'hello', v: 0, token: agents[0]!.token }]);
    expect(oldVersion).toMatchObject({ code: CLOSE_CODES.versionMismatch, received: [{ type: 'error', code: 'version_mismatch' }] });
    expect((await attempt([{ type: 'heartbeat' }])).code).toBe(CLOSE_CODES.protocolError);
    expect((await attempt(['not json'])).code).toBe(CLOSE_CODES.protocolError);
  });

  it('closes the sockets of a session that signs out, and of an unlinked device', async () => {
    const { owner, agents } = await teamOf(2);
    const one = await connect(agents[0]!.token);
    const two = await connect(agents[1]!.token);
    await http('/sessions/current', agents[0]!.token, { method: 'DELETE' });
    expect(await one.device.closed()).toBe(CLOSE_CODES.unauthorized);
    const devicesList = (await t.call('GET', '/devices', { token: owner.token })).body as { id: string; signedIn: { agentId: string }[] }[];
    const second = devicesList.find((d) => d.signedIn.some((s) => s.agentId === agents[1]!.id))!;
    await http(`/devices/${second.id}`, owner.token, { method: 'DELETE' });
    expect(await two.device.closed()).toBe(CLOSE_CODES.unauthorized);
  });

  it('counts messages on the socket as heartbeats', async () => {
    const { owner, agents } = await teamOf(1);
    const { device } = await connect(agents[0]!.token);
    t.advance(60_000);
    device.send({ type: 'heartbeat' });
    await new Promise((r) => setTimeout(r, 100));
    const me = (await t.call('GET', '/agents', { token: owner.token })).body.find((a: { id: string }) => a.id === agents[0]!.id);
    expect(me.lastSeenAt).toBe(new Date(t.now()).toISOString());
  });
});
