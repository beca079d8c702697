// The background against a real coordinator (in-memory SQLite, real HTTP and WebSocket on
// loopback), with IndexedDB from fake-indexeddb: what the sidebar relies on, end to end minus
// the browser.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventView } from '../../shared/api';
import { MAX_BODY_BYTES } from '../../shared/domain/limits';
import type { Stored } from './link';
import type { Background } from './service';
import { device, fakeTab, Server, until } from './testing';

let server: Server;
let owner: { token: string; ownerId: string };
const backgrounds: Background[] = [];
let dbCounter = 0;

beforeEach(async () => {
  server = new Server();
  await server.start();
  owner = await server.t.setup();
});

afterEach(async () => {
  for (const b of backgrounds.splice(0)) b.stop();
  await server.stop();
  server.t.close();
});

const call = (method: string, path: string, body?: unknown, token = owner.token) => server.t.call(method, path, { token, body });

/** An agent of the workspace. */
async function agent(name: string) {
  const email = `${name.toLowerCase()}@padaria.test`;
  const created = await call('POST', '/agents', { name, email, password: 'agent-pass-1' });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, email };
}

/** A browser profile: linked with a pairing code, signed in as `who`, live. */
async function signedIn(who: { email: string }, options: { fetch?: typeof fetch; sent?: unknown[]; dbName?: string; storage?: { value: Stored | null } } = {}) {
  const storage = options.storage ?? { value: null };
  const dbName = options.dbName ?? `baton-test-${++dbCounter}`;
  const bg = device({ dbName, storage, fetch: options.fetch, sent: options.sent });
  backgrounds.push(bg);
  const tab = fakeTab();
  bg.connectPort(tab.port);
  const code = (await call('POST', '/pairing-codes')).body.code as string;
  await bg.handle('link', { coordinatorUrl: server.url, code, name: `Browser ${dbCounter}` });
  const state = await bg.handle('signIn', { email: who.email, password: 'agent-pass-1' });
  expect(state.signedIn?.name).toBeTruthy();
  await until(() => bg.link.connection === 'live', 'the socket to be live');
  return { bg, tab, storage, dbName };
}

async function conversation(title: string, jid?: string) {
  const res = await call('POST', '/conversations', jid ? { title, jid } : { title });
  return res.body.id as string;
}

async function eventsOf(conversationId: string): Promise<EventView[]> {
  const all: EventView[] = [];
  for (;;) {
    const page: EventView[] = (await call('GET', `/events?conversationId=${conversationId}&limit=1000&after=${all.at(-1)?.seq ?? 0}`)).body;
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

describe('background', () => {
  it('fills the cache from the welcome snapshot, and a restarted worker starts from IndexedDB', async () => {
    const maria = await conversation('Maria Silva');
    await call('POST', '/canned-responses', { shortcut: 'hours', text: 'We open at 8, {{name}}' });
    const ana = await agent('Ana');
    const { bg, tab, storage, dbName } = await signedIn(ana);

    const team = bg.team();
    expect(team.me).toMatchObject({ agentId: ana.id, name: 'Ana', role: 'agent' });
    expect(team.conversations.map((c) => c.id)).toEqual([maria]);
    expect(team.agents.map((a) => a.name).sort()).toEqual(['Ana', 'Olga Owner']);
    expect(team.cannedResponses.map((c) => c.shortcut)).toEqual(['hours']);
    // The tab was told: first the (empty) team, then the snapshot's.
    const teams = tab.pushes.filter((p) => p.type === 'team');
    expect(teams.at(-1)).toMatchObject({ type: 'team', team: { connection: expect.any(String), conversations: [{ id: maria, pending: 0 }] } });
    expect(tab.pushes.at(-1)).toEqual({ type: 'connection', connection: 'live', outbox: 0 });

    // The worker dies while the coordinator is down: the new one shows the same team at once.
    await bg.cache.flushed();
    bg.stop();
    await server.stop();
    const again = device({ dbName, storage });
    backgrounds.push(again);
    await again.ready;
    expect(again.link.connection).not.toBe('live');
    expect(again.team().conversations.map((c) => c.id)).toEqual([maria]);
    expect(again.team().me?.agentId).toBe(ana.id);
    expect(again.cache.lastSeq).toBe(bg.cache.lastSeq);
    expect(again.cache.lastSeq).toBeGreaterThan(0);
  });

  it('shows a claim made on another device, as a small delta and an event', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const bea = await agent('Bea');
    const a = await signedIn(ana);
    const b = await signedIn(bea);
    b.tab.pushes.length = 0;
    a.tab.pushes.length = 0;

    await a.bg.handle('act', { type: 'claim', conversationId: maria });
    // Ana's own tab sees it at once, as pending, before the coordinator has answered.
    expect(a.tab.pushes[0]).toMatchObject({ type: 'conversation', conversation: { id: maria, assignee: ana.id, pending: 1 } });
    expect(a.tab.pushes).toContainEqual({ type: 'connection', connection: 'live', outbox: 1 });

    const delta = await until(
      () => b.tab.pushes.find((p) => p.type === 'conversation' && p.conversation.id === maria && p.conversation.assignee === ana.id),
      'the claim on the other device',
    );
    expect(delta).toMatchObject({ conversation: { pending: 0, status: 'open' } });
    expect(b.tab.pushes).toContainEqual(expect.objectContaining({ type: 'event', event: expect.objectContaining({ type: 'assignee.changed', actorId: ana.id }) }));
    expect(b.tab.pushes.some((p) => p.type === 'team')).toBe(false); // deltas, not the whole team
    expect(b.bg.team().conversations[0]).toMatchObject({ assignee: ana.id });
    await until(() => a.bg.team().outbox === 0 && a.bg.conversation(maria)?.pending === 0, 'the outbox to empty');
    expect(a.bg.conversation(maria)?.assignee).toBe(ana.id);
    // A customer message: the conversation's delta reaches the tab, its event does not (no
    // timeline shows messages, and each push costs WhatsApp Web's page).
    const seq = b.bg.cache.lastSeq;
    await call('POST', '/messages', { messages: [{ conversationId: maria, waMessageId: 'm-1', direction: 'in', at: new Date(server.t.now()).toISOString() }] }, (await call('POST', '/sessions', { email: bea.email, password: 'agent-pass-1' }, '')).body.token);
    await until(() => b.bg.cache.lastSeq > seq && b.bg.conversation(maria)?.waitingSince !== null, 'the message to reach the other device');
    expect(b.tab.pushes.filter((p) => p.type === 'event').map((p) => (p as { event: { type: string } }).event.type)).toEqual(['assignee.changed']);
  });

  it('pushes what the coordinator changed at once when quiet, and what follows within a quarter of a second in one push', async () => {
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    await new Promise((resolve) => setTimeout(resolve, 300)); // quiet: no gathering under way
    a.tab.pushes.length = 0;
    const carrying = (id: string) => a.tab.pushes.find((p) => (p.type === 'conversation' ? [p.conversation] : p.type === 'conversations' ? p.conversations : []).some((c) => c.id === id));
    const first = await conversation('Maria Silva');
    await until(() => carrying(first), 'the first change');
    const firstAt = Date.now();
    const [second, third] = await Promise.all([conversation('João'), conversation('Bakery suppliers')]);
    const gathered = await until(() => carrying(second), 'the changes that followed');
    // Each message a second changes a conversation: the tab gets a few pushes a second, not one each (bench/content.ts).
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(200);
    expect(gathered).toBe(carrying(third));
    expect(gathered).toMatchObject({ type: 'conversations' });
  });

  it('keeps actions while the coordinator is down, shows them, and delivers each exactly once, in order, after a worker restart', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    await server.stop();
    await until(() => a.bg.link.connection !== 'live', 'the link to notice');

    await a.bg.handle('act', { type: 'claim', conversationId: maria });
    await a.bg.handle('act', { type: 'note', conversationId: maria, text: 'Wants the cake by Friday' });
    await a.bg.handle('act', { type: 'tags', conversationId: maria, tags: [] });
    expect(a.bg.team()).toMatchObject({ outbox: 3, conversations: [{ id: maria, assignee: ana.id, pending: 3 }] });
    const offline = await a.bg.handle('timeline', { conversationId: maria });
    expect(offline).toMatchObject({ live: false, pendingNotes: [{ text: 'Wants the cake by Friday' }] });
    expect(a.tab.pushes.filter((p) => p.type === 'connection').at(-1)).toMatchObject({ outbox: 3 });

    // The worker is suspended and comes back with nothing but IndexedDB and storage.
    a.bg.stop();
    const again = device({ dbName: a.dbName, storage: a.storage });
    backgrounds.push(again);
    await again.ready;
    expect(again.team()).toMatchObject({ outbox: 3, conversations: [{ assignee: ana.id, pending: 3 }] });

    await server.start();
    await until(() => again.team().outbox === 0, 'the outbox to be delivered', 10_000);
    const events = await eventsOf(maria);
    const mine = events.filter((e) => e.actorId === ana.id).map((e) => e.type);
    expect(mine).toEqual(['assignee.changed', 'note.created', 'conversation.tags_changed']);
    expect((await call('GET', `/conversations/${maria}/notes`)).body).toHaveLength(1);
    const live = await again.handle('timeline', { conversationId: maria });
    expect(live).toMatchObject({ live: true, pendingNotes: [], notes: [{ text: 'Wants the cake by Friday', authorId: ana.id }] });
  });

  it('sends an action again when its answer was lost, and the coordinator applies it once', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    let lose = 0;
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/notes') && init?.method === 'POST' && lose++ < 2) throw new TypeError('network dropped the answer');
      return res;
    };
    const a = await signedIn(ana, { fetch: losing });
    await a.bg.handle('act', { type: 'note', conversationId: maria, text: 'Called her back' });
    await until(() => a.bg.team().outbox === 0, 'the note to be accepted');
    expect(lose).toBe(3);
    expect((await call('GET', `/conversations/${maria}/notes`)).body).toHaveLength(1);
    expect((await eventsOf(maria)).filter((e) => e.type === 'note.created')).toHaveLength(1);
  });

  it('rolls a lost claim back to the coordinator’s truth and tells the agent', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const bea = await agent('Bea');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/claim')) await gate;
      return fetch(input, init);
    };
    const a = await signedIn(ana, { fetch: held });
    await a.bg.handle('act', { type: 'claim', conversationId: maria });
    expect(a.bg.conversation(maria)).toMatchObject({ assignee: ana.id, pending: 1 });

    expect((await call('POST', `/conversations/${maria}/claim`, undefined, (await server.t.call('POST', '/sessions', { body: { email: bea.email, password: 'agent-pass-1' } })).body.token)).status).toBe(200);
    open();
    const notice = await until(() => a.tab.pushes.find((p) => p.type === 'notice'), 'the notice');
    expect(notice).toMatchObject({ type: 'notice', notice: { kind: 'claim_lost', conversationId: maria, text: expect.stringContaining('Bea owns this conversation') } });
    await until(() => a.bg.conversation(maria)?.pending === 0, 'the rollback');
    expect(a.bg.conversation(maria)).toMatchObject({ assignee: bea.id });
    expect(a.tab.pushes.filter((p) => p.type === 'conversation').at(-1)).toMatchObject({ conversation: { assignee: bea.id, pending: 0 } });
    expect(a.bg.team().outbox).toBe(0);

    // A tab that connects later still gets the notice, until it is dismissed.
    const late = { pushes: [] as unknown[], port: { postMessage: (m: unknown) => late.pushes.push(m), onDisconnect: { addListener: () => undefined } } };
    a.bg.connectPort(late.port);
    await until(() => late.pushes.length >= 2, 'the greeting');
    expect(late.pushes[1]).toMatchObject({ type: 'notice', notice: { kind: 'claim_lost' } });
    await a.bg.handle('dismissNotice', { id: (notice as { notice: { id: string } }).notice.id });
    const later = fakeTab();
    a.bg.connectPort(later.port);
    await until(() => later.pushes.length >= 1, 'the greeting');
    expect(later.pushes.filter((p) => p.type === 'notice')).toEqual([]);
  });

  it('tells the agent about mentions and transfers, and relays presence', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const bea = await agent('Bea');
    const a = await signedIn(ana);
    const b = await signedIn(bea);
    await b.bg.handle('act', { type: 'claim', conversationId: maria });
    await b.bg.handle('act', { type: 'note', conversationId: maria, text: '@Ana can you take this one?' });
    await b.bg.handle('act', { type: 'transfer', conversationId: maria, to: ana.id, note: 'She asks for the manager' });
    const kinds = await until(() => {
      const notices = a.tab.pushes.flatMap((p) => (p.type === 'notice' ? [p.notice] : []));
      return notices.length >= 2 ? notices : null;
    }, 'two notices');
    expect(kinds.map((n) => n.kind)).toEqual(['mentioned', 'transferred_to_me']);
    expect(kinds[1]).toMatchObject({ conversationId: maria, text: expect.stringContaining('She asks for the manager') });
    expect(b.tab.pushes.some((p) => p.type === 'notice')).toBe(false);
    await until(() => a.bg.conversation(maria)?.assignee === ana.id, 'the transfer');

    await b.bg.handle('presence', { conversationId: maria, state: 'typing' });
    const presence = await until(() => a.tab.pushes.find((p) => p.type === 'presence'), 'presence');
    expect(presence).toMatchObject({ presence: { agentId: bea.id, conversationId: maria, state: 'typing' } });

    // The timeline: who did what, and how often the customer came back.
    await a.bg.handle('act', { type: 'resolve', conversationId: maria });
    await a.bg.handle('act', { type: 'reopen', conversationId: maria });
    await until(() => a.bg.team().outbox === 0, 'the outbox');
    const timeline = await a.bg.handle('timeline', { conversationId: maria });
    expect(timeline.live).toBe(true);
    expect(timeline.earlierConversations).toBe(1);
    expect(timeline.events.map((e) => e.type)).toEqual(expect.arrayContaining(['assignee.changed', 'note.created', 'conversation.status_changed']));
    expect(timeline.notes.map((n) => n.text)).toEqual(['@Ana can you take this one?']);
  });

  it('reports each seen message once per device, in batches of at most 500, and credits the sender', async () => {
    const maria = await conversation('Maria Silva', '5511999990000@c.us');
    const ana = await agent('Ana');
    const bea = await agent('Bea');
    const posted: number[] = [];
    const bytes: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/api/v1/messages')) {
        posted.push(JSON.parse(String(init?.body)).messages.length);
        bytes.push(String(init?.body).length);
      }
      return fetch(input, init);
    };
    const a = await signedIn(ana, { fetch: counting });
    const b = await signedIn(bea);
    const chat = { title: 'Maria Silva', jid: null };
    const seen = Array.from({ length: 1200 }, (_, i) => ({
      chat,
      waMessageId: `false_5511999990000@c.us_3EB0${String(i).padStart(16, '0')}`,
      direction: 'in' as const,
      at: new Date(server.t.now() - 60_000 + i).toISOString(),
      sentByMe: false,
    }));
    await Promise.all([a.bg.handle('messagesSeen', seen), a.bg.handle('messagesSeen', seen.slice(0, 10))]);
    await a.bg.handle('messagesSeen', seen);
    // Each message once (the second and the concurrent call add nothing), in full batches that
    // stay within both the coordinator's count limit and its body size limit.
    expect(posted.reduce((x, y) => x + y, 0)).toBe(1200);
    expect(posted.length).toBeGreaterThanOrEqual(3);
    expect(posted.length).toBeLessThanOrEqual(4);
    expect(Math.max(...posted)).toBeLessThanOrEqual(500);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    posted.length = 0;

    // A reply seen first by Bea's device, then reported by Ana's, which sent it.
    const reply = { chat: { title: 'Maria Silva', jid: '5511999990000@c.us' }, waMessageId: 'true_5511999990000@c.us_R1', direction: 'out' as const, at: new Date(server.t.now()).toISOString() };
    await b.bg.handle('messagesSeen', [{ ...reply, sentByMe: false }]);
    await a.bg.handle('messagesSeen', [{ ...reply, sentByMe: false }]);
    await a.bg.handle('messagesSeen', [{ ...reply, sentByMe: true }]);
    await a.bg.handle('messagesSeen', [{ ...reply, sentByMe: true }]);
    expect(posted).toEqual([1, 1]);
    const events = await eventsOf(maria);
    expect(events.filter((e) => e.type === 'message.created')).toHaveLength(1201);
    expect(events.filter((e) => e.type === 'message.credited').map((e) => e.data)).toEqual([{ waMessageId: reply.waMessageId, agentId: ana.id }]);
  });

  it('drops no report in silence: held while its chat is ambiguous or the coordinator refuses it, counted in the health, sent once it can be', async () => {
    await conversation('John', '5511888880000@c.us');
    await conversation('John', '5511777770000@c.us');
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    let refuse = 1;
    const refusing: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/api/v1/messages') && refuse > 0) {
        refuse--;
        return new Response(JSON.stringify({ error: { code: 'unknown_conversation', message: `No such conversation: ${maria}` } }), { status: 422, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const a = await signedIn(ana, { fetch: refusing });
    const at = new Date(server.t.now() - 1000).toISOString();
    await a.bg.handle('reportHealth', { missing: [], matched: {}, undirected: 2 });
    // Two rows called John that nothing tells apart: which John wrote cannot be said yet.
    await a.bg.handle('messagesSeen', [{ chat: { title: 'John', jid: null, shared: true }, waMessageId: '3AJOHN00000000000001', direction: 'in', at, sentByMe: false }]);
    // Refused once (as if merged away meanwhile): kept, not marked sent.
    await a.bg.handle('messagesSeen', [{ chat: { title: 'Maria Silva', jid: null }, waMessageId: '3AMARIA0000000000001', direction: 'in', at, sentByMe: false }]);
    const health = async () => (await call('GET', '/devices')).body.find((d: { health: unknown }) => d.health)?.health;
    await until(async () => (await health())?.counts?.refused === 2, 'the held reports to show in the health');
    expect(await health()).toMatchObject({ missing: [], counts: { undirected: 2, refused: 2 } });
    expect((await eventsOf(maria)).filter((e) => e.type === 'message.created')).toHaveLength(0);
    // A conversation becomes known: held reports try again, and Maria's arrives, once.
    await a.bg.handle('conversationFor', { title: 'Someone new', jid: null });
    await until(async () => (await eventsOf(maria)).some((e) => e.type === 'message.created'), 'the held report to arrive');
    await until(async () => (await health())?.counts?.refused === 1, 'the health to count only the John report');
    expect((await eventsOf(maria)).filter((e) => e.type === 'message.created')).toHaveLength(1);
  });

  it('sends inbound signals to the coordinator, keeping them while it is unreachable', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    await server.stop();
    await until(() => a.bg.link.connection !== 'live', 'the link to notice');
    const at = new Date(server.t.now() - 5000).toISOString();
    await a.bg.handle('inboundSignals', [{ chat: { title: 'Maria Silva', jid: null }, at, unread: 1 }]);
    await server.start();
    await until(async () => (await call('GET', `/conversations/${maria}`)).body.waitingSource === 'signal', 'the signal to arrive after the outage');
    expect((await call('GET', `/conversations/${maria}`)).body.waitingSince).toBe(at);
  });

  it('takes the reports a tab gathered in one message, each answered as if sent alone', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    const at = new Date(server.t.now() - 5000).toISOString();
    const answers = await a.bg.handle('reports', [
      { type: 'reportHealth', args: { missing: [], matched: {} } },
      // A malformed report fails alone.
      { type: 'chatsSeen', args: null as never },
      { type: 'inboundSignals', args: [{ chat: { title: 'Maria Silva', jid: null }, at, unread: 1 }] },
    ]);
    expect(answers).toEqual([{ ok: true, result: null }, { ok: false, error: expect.any(String) }, { ok: true, result: null }]);
    await until(async () => (await call('GET', `/conversations/${maria}`)).body.waitingSource === 'signal', 'the signal to arrive');
  });

  it('reads the routing rules and the language in a signal’s preview, and sends the coordinator only the outcome', async () => {
    const ana = await agent('Ana');
    const bea = await agent('Bea');
    const sent: unknown[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/api/v1/signals')) sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const a = await signedIn(ana, { fetch: recording });
    await call('PUT', '/me/status', { status: 'online' }, (await call('POST', '/sessions', { email: bea.email, password: 'agent-pass-1' }, '')).body.token);
    await call('PUT', '/me/status', { status: 'online' }, a.storage.value!.session!.token);
    const routing = await call('PUT', '/workspace/routing', {
      mode: 'rules',
      rules: [
        { name: 'French desk', when: { languages: ['fr'] }, target: { agentId: ana.id } },
        { name: 'Refunds', when: { keywords: ['refund*'] }, target: { agentId: bea.id } },
      ],
    });
    expect(routing.status).toBe(200);
    // The rules reach the device with the workspace, live.
    await until(() => a.bg.link.rules.length === 2, 'the rules to reach the device');
    const maria = await conversation('Maria Silva');
    const text = 'Hello, I would like a refund for the order I received yesterday';
    await a.bg.handle('inboundSignals', [{ chat: { title: 'Maria Silva', jid: null }, at: new Date(server.t.now()).toISOString(), unread: 1, text }]);
    await until(async () => (await call('GET', `/conversations/${maria}`)).body.assignee !== null, 'the chat to be routed');
    const routed = (await call('GET', `/conversations/${maria}`)).body;
    expect(routed).toMatchObject({ assignee: bea.id, language: 'en' });
    const refunds = a.bg.link.rules.find((r) => r.name === 'Refunds')!.id;
    expect(sent).toEqual([{ signals: [expect.objectContaining({ triage: { ruleIds: [refunds], language: 'en' } })] }]);
    // Not a word of the message left the device, nor is it kept waiting in the background.
    expect(JSON.stringify(sent)).not.toContain('refund for');
    expect(JSON.stringify(await eventsOf(maria))).not.toContain('refund for');
  });

  it('sends a bare number from a preview only while the conversation asks a question, and only in its range', async () => {
    const ana = await agent('Ana');
    const sent: { signals: { answer?: number }[] }[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/api/v1/signals')) sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const a = await signedIn(ana, { fetch: recording });
    const maria = await conversation('Maria Silva');
    const signal = async (text: string) => {
      await a.bg.handle('inboundSignals', [{ chat: { title: 'Maria Silva', jid: null }, at: new Date(server.t.now()).toISOString(), unread: 1, text }]);
      return sent.at(-1)!.signals[0]!.answer ?? null;
    };
    await until(() => a.bg.cache.conversations.has(maria), 'the conversation to reach the device');
    // Nothing asked: even "2" stays in the browser.
    expect(await signal('2')).toBeNull();
    const view = a.bg.cache.conversations.get(maria)!;
    a.bg.cache.putConversation({ ...view, question: { kind: 'menu', options: 3, askedAt: new Date(server.t.now() - 60_000).toISOString(), answer: null, answeredAt: null } });
    expect(await signal(' 2. ')).toBe(2);
    expect(await signal('4')).toBeNull();
    expect(await signal('2 please')).toBeNull();
    expect(JSON.stringify(sent)).not.toContain('please');
  });

  it('offers to send automatic messages while a WhatsApp tab is connected, and hands a lease to one tab only', async () => {
    const ana = await agent('Ana');
    const sent: unknown[] = [];
    const a = await signedIn(ana, { sent });
    // signedIn connected one tab: the device said it can send.
    await until(() => sent.some((m) => (m as { type: string }).type === 'sender'), 'the sender message');
    expect(sent.filter((m) => (m as { type: string }).type === 'sender')).toEqual([{ type: 'sender', ready: true }]);
    const second = fakeTab();
    a.bg.connectPort(second.port);
    await until(() => a.bg.ports.size === 2, 'the second tab');
    // Closed today, with the away message on: a customer writing gets it, from this device.
    const today = new Date(server.t.now()).toISOString().slice(0, 10);
    await call('PUT', '/workspace/hours', { timezone: 'UTC', weekly: { mon: [{ from: '00:00', to: '24:00' }] }, overrides: [{ date: today, closed: true }] });
    await call('PUT', '/workspace/automatic', { away: { enabled: true, text: 'We are closed' }, greeting: { enabled: false, text: 'Hello' } });
    const maria = await conversation('Maria Silva');
    await a.bg.handle('inboundSignals', [{ chat: { title: 'Maria Silva', jid: null }, at: new Date(server.t.now()).toISOString(), unread: 1 }]);
    const automaticPushes = (tab: ReturnType<typeof fakeTab>) => tab.pushes.filter((p) => p.type === 'automatic');
    await until(() => automaticPushes(a.tab).length + automaticPushes(second).length > 0, 'the lease to reach a tab');
    expect([automaticPushes(a.tab).length, automaticPushes(second).length]).toEqual([1, 0]);
    expect(automaticPushes(a.tab)[0]).toMatchObject({ type: 'automatic', intent: { conversationId: maria, kind: 'away', text: 'We are closed', attempt: 1 } });
  });

  it('finds the conversation for a chat: cache, coordinator, offline and ambiguous', async () => {
    const maria = await conversation('Maria Silva', '5511999990000@c.us');
    const joao1 = await conversation('João', '5511888880000@c.us');
    await conversation('João', '5511777770000@c.us');
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(await a.bg.handle('conversationFor', { title: 'maria  SILVA', jid: null })).toBe(maria);
    expect(await a.bg.handle('conversationFor', { title: 'Renamed', jid: '5511888880000@s.whatsapp.net' })).toBe(joao1);
    expect(fetchSpy).not.toHaveBeenCalled(); // the cache answered
    fetchSpy.mockRestore();
    expect(await a.bg.handle('conversationFor', { title: 'João', jid: null })).toBeNull(); // two chats by that title
    const created = await a.bg.handle('conversationFor', { title: 'Carla', jid: null });
    expect(created).toBeTruthy();
    expect(a.bg.team().conversations.map((c) => c.id)).toContain(created);

    await server.stop();
    await until(() => a.bg.link.connection !== 'live', 'the link to notice');
    expect(await a.bg.handle('conversationFor', { title: 'Nobody yet', jid: null })).toBeNull();
    expect(await a.bg.handle('conversationFor', { title: 'Carla', jid: null })).toBe(created);
  });

  it('resumes from its last sequence number after a reconnect, catching up on what it missed', async () => {
    const maria = await conversation('Maria Silva');
    const ana = await agent('Ana');
    const sent: unknown[] = [];
    const a = await signedIn(ana, { sent });
    const snapshot = vi.spyOn(a.bg.cache, 'applySnapshot');
    const before = a.bg.cache.lastSeq;

    await server.stop();
    await until(() => a.bg.link.connection !== 'live', 'the link to notice');
    // Meanwhile, on the coordinator (through its API, not the stopped server):
    await call('POST', `/conversations/${maria}/assign`, { to: ana.id });
    await call('POST', `/conversations/${maria}/notes`, { text: 'Over to you @Ana' });
    a.tab.pushes.length = 0;
    await server.start();
    await until(() => a.bg.link.connection === 'live', 'the reconnect', 10_000);

    const hellos = sent.filter((m) => (m as { type: string }).type === 'hello');
    expect(hellos.at(-1)).toMatchObject({ lastSeq: before });
    expect(snapshot).not.toHaveBeenCalled();
    expect(a.bg.cache.lastSeq).toBeGreaterThan(before);
    expect(a.bg.conversation(maria)?.assignee).toBe(ana.id);
    expect(a.tab.pushes.find((p) => p.type === 'team')).toMatchObject({ team: { conversations: [{ id: maria, assignee: ana.id }] } });
    expect(a.tab.pushes).toContainEqual(expect.objectContaining({ type: 'notice', notice: expect.objectContaining({ kind: 'mentioned' }) }));
  });

  it('changes the agent’s status through the outbox, and signs out on this device only', async () => {
    const ana = await agent('Ana');
    const a = await signedIn(ana);
    const b = await signedIn(ana);
    await a.bg.handle('act', { type: 'status', status: 'on_break' });
    expect(a.bg.team().agents.find((x) => x.id === ana.id)?.status).toBe('on_break');
    await until(() => b.bg.team().agents.find((x) => x.id === ana.id)?.status === 'on_break', 'the status on the other device');

    const state = await a.bg.handle('signOut', null);
    expect(state).toMatchObject({ linked: true, signedIn: null, connection: 'offline' });
    expect(a.bg.team()).toMatchObject({ me: null, conversations: [], agents: [] });
    await b.bg.handle('act', { type: 'status', status: 'online' });
    await until(() => b.bg.team().outbox === 0, 'the other device to still be signed in');
    expect(b.bg.link.connection).toBe('live');
    await expect(a.bg.handle('act', { type: 'status', status: 'away' })).rejects.toThrow('Sign in first');
  });
});
