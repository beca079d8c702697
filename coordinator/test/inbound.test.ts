// The waiting clock through the API (issue #7): history is not news, chat list signals start the
// clock without being messages, and the real message takes the signal's place.
import { afterEach, describe, expect, it } from 'vitest';
import { listen, TestDevice, testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
let server: Awaited<ReturnType<typeof listen>> | undefined;
const sockets: TestDevice[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = undefined;
  t?.close();
});

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function shop() {
  t = testCoordinator();
  const owner = await t.setup();
  const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { jid: '5511999990000@c.us', title: 'Maria' } })).body;
  const messages = (token: string, ...list: { id: string; direction: 'in' | 'out'; at: number }[]) =>
    t.call('POST', '/messages', {
      token,
      body: { messages: list.map((m) => ({ conversationId: chat.id, waMessageId: m.id, direction: m.direction, at: iso(m.at) })) },
    });
  const signals = (token: string, ...list: { at: number; unread?: number; conversationId?: string }[]) =>
    t.call('POST', '/signals', { token, body: { signals: list.map((s) => ({ conversationId: chat.id, ...s, at: iso(s.at) })) } });
  const view = async () => (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
  const events = async () => (await t.call('GET', `/events?conversationId=${chat.id}`, { token: owner.token })).body as { type: string; data: Record<string, unknown> }[];
  const messageRows = () => t.sqlite.prepare('select count(*) n from messages').get() as { n: number };
  return { owner, chat, messages, signals, view, events, messageRows };
}

describe('history is not news', () => {
  it('records a message written before the resolution without reopening or starting the clock; a newer one reopens', async () => {
    const { owner, chat, messages, view, events } = await shop();
    const t0 = t.now();
    await messages(owner.token, { id: 'q', direction: 'in', at: t0 }, { id: 'r', direction: 'out', at: t0 + MINUTE });
    t.advance(3 * MINUTE);
    const resolvedAt = t.now();
    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    t.advance(10 * MINUTE);

    // A device scrolls up in the resolved chat: a "thanks" after the reply, one of the minute
    // before the resolution, and an old one.
    const history = await messages(owner.token, { id: 'thanks', direction: 'in', at: t0 + 2 * MINUTE }, { id: 'edge', direction: 'in', at: resolvedAt - MINUTE }, { id: 'old', direction: 'in', at: t0 - 60 * MINUTE });
    expect(history.body).toEqual({ recorded: 3, duplicates: 0 });
    expect(await view()).toMatchObject({ status: 'resolved', waitingSince: null, waitingSource: null });
    expect((await events()).filter((e) => e.type === 'conversation.status_changed').map((e) => e.data.to)).toEqual(['resolved']);

    const news = t0 + 12 * MINUTE;
    await messages(owner.token, { id: 'again', direction: 'in', at: news });
    expect(await view()).toMatchObject({ status: 'open', waitingSince: iso(news), waitingSource: 'message', lastInboundAt: iso(news) });
    expect((await events()).filter((e) => e.type === 'conversation.status_changed').at(-1)!.data).toMatchObject({ from: 'resolved', to: 'open', reason: 'customer_wrote' });
    // Reopened, the resolution is still remembered: an older unanswered message is history still.
    await messages(owner.token, { id: 'thanks-2', direction: 'in', at: t0 + MINUTE + 1000 });
    expect((await view()).waitingSince).toBe(iso(news));
    const row = t.sqlite.prepare('select resolved_at, last_resolved_at from conversations').get();
    expect(row).toEqual({ resolved_at: null, last_resolved_at: resolvedAt });
  });

  it('keeps the resolution after a reopen by hand, and sets resolvedAt again on the next resolve', async () => {
    const { owner, chat, messages, view } = await shop();
    const t0 = t.now();
    await messages(owner.token, { id: 'q', direction: 'in', at: t0 });
    t.advance(MINUTE);
    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    const firstResolution = t.now();
    expect(t.sqlite.prepare('select resolved_at from conversations').get()).toEqual({ resolved_at: firstResolution });
    t.advance(MINUTE);
    await t.call('POST', `/conversations/${chat.id}/reopen`, { token: owner.token });
    expect(t.sqlite.prepare('select resolved_at, last_resolved_at from conversations').get()).toEqual({ resolved_at: null, last_resolved_at: firstResolution });
    await messages(owner.token, { id: 'before', direction: 'in', at: t0 - MINUTE + 30_000 }); // a minute that ended before the resolution
    expect(await view()).toMatchObject({ status: 'open', waitingSince: null });
    t.advance(MINUTE);
    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    expect(t.sqlite.prepare('select resolved_at, last_resolved_at from conversations').get()).toEqual({ resolved_at: t.now(), last_resolved_at: t.now() });
  });

  it('keeps the customer waiting for a new question when an old reply is reported after it', async () => {
    const { owner, messages, view } = await shop();
    const t0 = t.now();
    t.advance(90 * MINUTE);
    // A device opens the chat: its history and the new question, the replies listed last.
    await messages(owner.token, { id: 'old-q', direction: 'in', at: t0 }, { id: 'new-q', direction: 'in', at: t0 + 80 * MINUTE }, { id: 'old-reply', direction: 'out', at: t0 + 5 * MINUTE });
    expect(await view()).toMatchObject({ waitingSince: iso(t0 + 80 * MINUTE), waitingSource: 'message', lastOutboundAt: iso(t0 + 5 * MINUTE) });
  });

  it('never makes the customer wait for a message older than the last reply, and starts at the earliest unanswered one', async () => {
    const { owner, messages, view } = await shop();
    const t0 = t.now();
    await messages(owner.token, { id: 'reply', direction: 'out', at: t0 + 5 * MINUTE });
    await messages(owner.token, { id: 'older', direction: 'in', at: t0 + 4 * MINUTE });
    expect(await view()).toMatchObject({ waitingSince: null, lastInboundAt: iso(t0 + 4 * MINUTE) });
    // Reported out of order: the clock starts at the first unanswered message all the same.
    await messages(owner.token, { id: 'second', direction: 'in', at: t0 + 8 * MINUTE });
    await messages(owner.token, { id: 'first', direction: 'in', at: t0 + 6 * MINUTE });
    expect(await view()).toMatchObject({ waitingSince: iso(t0 + 6 * MINUTE), waitingSource: 'message' });
  });

  it('stores how each message time was read and whether it is media, and never any text', async () => {
    const { owner, chat, view } = await shop();
    const at = iso(t.now());
    const res = await t.call('POST', '/messages', {
      token: owner.token,
      body: {
        messages: [
          { conversationId: chat.id, waMessageId: 'm1', direction: 'in', at },
          { conversationId: chat.id, waMessageId: 'm2', direction: 'in', at, timeSource: 'label', media: true },
          { conversationId: chat.id, waMessageId: 'm3', direction: 'out', at, timeSource: 'neighbour' },
        ],
      },
    });
    expect(res.body).toEqual({ recorded: 3, duplicates: 0 });
    expect(t.sqlite.prepare('select wa_message_id, time_source, media from messages order by wa_message_id').all()).toEqual([
      { wa_message_id: 'm1', time_source: 'meta', media: 0 },
      { wa_message_id: 'm2', time_source: 'label', media: 1 },
      { wa_message_id: 'm3', time_source: 'neighbour', media: 0 },
    ]);
    for (const bad of [{ timeSource: 'guess' }, { media: 'yes' }, { text: 'hello' }]) {
      const refused = await t.call('POST', '/messages', { token: owner.token, body: { messages: [{ conversationId: chat.id, waMessageId: 'm4', direction: 'in', at, ...bad }] } });
      expect(refused.status).toBe(400);
    }
    const columns = (t.sqlite.prepare('pragma table_info(messages)').all() as { name: string }[]).map((c) => c.name);
    expect(columns.filter((c) => /text|body|caption/.test(c))).toEqual([]);
    expect((await view()).lastOutboundAt).toBe(at);
  });
});

describe('inbound signals', () => {
  it('start the clock without a message; the earliest of the devices wins, and later ones change nothing', async () => {
    const { owner, signals, view, events, messageRows } = await shop();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    const t0 = t.now();
    t.advance(MINUTE);
    expect((await signals(ana.token, { at: t0 + 20_000, unread: 1 })).body).toEqual({ applied: 1, ignored: 0 });
    expect(await view()).toMatchObject({ status: 'open', waitingSince: iso(t0 + 20_000), waitingSource: 'signal', lastInboundAt: iso(t0 + 20_000) });
    const updated = (await events()).filter((e) => e.type === 'conversation.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]!.data).toMatchObject({ reason: 'inbound_signal', conversation: { waitingSince: iso(t0 + 20_000), waitingSource: 'signal' } });

    const before = (await events()).length;
    expect((await signals(owner.token, { at: t0 + 25_000, unread: 1 })).body).toEqual({ applied: 0, ignored: 1 });
    expect((await events()).length).toBe(before);
    expect((await signals(owner.token, { at: t0 + 12_000 })).body).toEqual({ applied: 1, ignored: 0 });
    expect(await view()).toMatchObject({ waitingSince: iso(t0 + 12_000), waitingSource: 'signal', lastInboundAt: iso(t0 + 20_000) });
    expect((await events()).length).toBe(before + 1);
    // Signals are never messages: no row, no message.created.
    expect(messageRows().n).toBe(0);
    expect((await events()).filter((e) => e.type === 'message.created')).toEqual([]);
  });

  it('are ignored when a reply or a resolution already covers them', async () => {
    const { owner, chat, messages, signals, view, events } = await shop();
    const t0 = t.now();
    t.advance(MINUTE);
    await messages(owner.token, { id: 'reply', direction: 'out', at: t0 + MINUTE });
    expect((await signals(owner.token, { at: t0 + 30_000 }, { at: t0 + MINUTE })).body).toEqual({ applied: 0, ignored: 2 });
    expect(await view()).toMatchObject({ waitingSince: null, waitingSource: null });

    t.advance(2 * MINUTE);
    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    const resolvedAt = t.now();
    const count = (await events()).length;
    expect((await signals(owner.token, { at: resolvedAt - 1000 }, { at: resolvedAt })).body).toEqual({ applied: 0, ignored: 2 });
    expect(await view()).toMatchObject({ status: 'resolved', waitingSince: null });
    expect((await events()).length).toBe(count);
  });

  it('reopen a resolved or snoozed conversation as a customer message does', async () => {
    const { owner, chat, signals, view, events } = await shop();
    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    t.advance(MINUTE);
    expect((await signals(owner.token, { at: t.now(), unread: 2 })).body).toEqual({ applied: 1, ignored: 0 });
    expect(await view()).toMatchObject({ status: 'open', waitingSince: iso(t.now()), waitingSource: 'signal' });
    const last = (await events()).at(-1)!;
    expect(last).toMatchObject({ type: 'conversation.status_changed', data: { from: 'resolved', to: 'open', reason: 'customer_wrote' } });

    // Snoozed while the customer waits: a later signal wakes it (the clock keeps its start).
    const waitingSince = (await view()).waitingSince;
    await t.call('POST', `/conversations/${chat.id}/snooze`, { token: owner.token, body: { until: iso(t.now() + 3600_000) } });
    t.advance(MINUTE);
    expect((await signals(owner.token, { at: t.now() })).body).toEqual({ applied: 1, ignored: 0 });
    expect(await view()).toMatchObject({ status: 'open', snoozedUntil: null, waitingSince, waitingSource: 'signal' });
    expect((await events()).at(-1)).toMatchObject({ type: 'conversation.status_changed', data: { from: 'snoozed', to: 'open', reason: 'customer_wrote' } });
  });

  it('give way to the real message, which is recorded once and counted once', async () => {
    const { owner, messages, signals, view, events, messageRows } = await shop();
    const t0 = t.now();
    t.advance(5 * MINUTE);
    await messages(owner.token, { id: 'reply', direction: 'out', at: t0 });
    // Seen in the chat list at 09:03:27; the message itself says 09:03 (minute resolution).
    await signals(owner.token, { at: t0 + 3 * MINUTE + 27_000, unread: 1 });
    expect(await view()).toMatchObject({ waitingSource: 'signal', waitingSince: iso(t0 + 3 * MINUTE + 27_000) });
    const res = await messages(owner.token, { id: 'hi', direction: 'in', at: t0 + 3 * MINUTE });
    expect(res.body).toEqual({ recorded: 1, duplicates: 0 });
    expect(await view()).toMatchObject({ waitingSource: 'message', waitingSince: iso(t0 + 3 * MINUTE), lastInboundAt: iso(t0 + 3 * MINUTE + 27_000) });
    expect(messageRows().n).toBe(2);
    expect((await events()).filter((e) => e.type === 'message.created')).toHaveLength(2);
    // Another device reports the same message: a duplicate, nothing moves.
    expect((await messages(owner.token, { id: 'hi', direction: 'in', at: t0 + 3 * MINUTE })).body).toEqual({ recorded: 0, duplicates: 1 });
    expect(messageRows().n).toBe(2);
  });

  it('stop with a reply; the real message older than the reply does not make the customer wait again', async () => {
    const { owner, messages, signals, view } = await shop();
    const t0 = t.now();
    t.advance(11 * MINUTE);
    await signals(owner.token, { at: t0 + 27_000 });
    await messages(owner.token, { id: 'reply', direction: 'out', at: t0 + MINUTE });
    expect(await view()).toMatchObject({ waitingSince: null, waitingSource: null });
    await messages(owner.token, { id: 'hi', direction: 'in', at: t0 });
    expect(await view()).toMatchObject({ waitingSince: null, waitingSource: null, lastOutboundAt: iso(t0 + MINUTE) });

    // A reply reported after the signal, in the signal's minute: its time (minute resolution) is
    // that minute's start, before the signal's exact time, and it still answers it.
    const t1 = t0 + 10 * MINUTE;
    await signals(owner.token, { at: t1 + 27_000 });
    await messages(owner.token, { id: 'reply-2', direction: 'out', at: t1 });
    expect(await view()).toMatchObject({ waitingSince: null, waitingSource: null });
    await messages(owner.token, { id: 'hi-2', direction: 'in', at: t1 });
    expect(await view()).toMatchObject({ waitingSince: null, waitingSource: null });
  });

  it('cannot be seen later than now: a device clock running fast is held to the coordinator’s', async () => {
    const { owner, signals, view } = await shop();
    expect((await signals(owner.token, { at: t.now() + 3600_000 })).body).toEqual({ applied: 1, ignored: 0 });
    expect(await view()).toMatchObject({ waitingSince: iso(t.now()), lastInboundAt: iso(t.now()) });
  });

  it('are checked like messages: the workspace’s own conversations, 1 to 400 of them, strictly shaped', async () => {
    const { owner, chat, signals, view } = await shop();
    const other = await t.call('POST', '/signals', { token: owner.token, body: { signals: [{ conversationId: chat.id, at: iso(t.now()) }, { conversationId: 'elsewhere', at: iso(t.now()) }] } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('unknown_conversation');
    expect((await view()).waitingSince).toBeNull();
    const at = iso(t.now());
    for (const body of [
      { signals: [] },
      { signals: Array.from({ length: 401 }, () => ({ conversationId: chat.id, at })) },
      { signals: [{ conversationId: chat.id, at, unread: -1 }] },
      { signals: [{ conversationId: chat.id, at, unread: 1.5 }] },
      { signals: [{ conversationId: chat.id, at: 'soon' }] },
      { signals: [{ conversationId: chat.id, at, preview: 'hello' }] },
    ]) {
      expect((await t.call('POST', '/signals', { token: owner.token, body })).status).toBe(400);
    }
    expect((await t.call('POST', '/signals', { body: { signals: [{ conversationId: chat.id, at }] } })).status).toBe(401);
    expect((await signals(owner.token, ...Array.from({ length: 400 }, () => ({ at: t.now() })))).body).toEqual({ applied: 1, ignored: 399 });
  });

  it('reach the other devices live, and a second device’s later signal sends nothing', async () => {
    t = testCoordinator();
    server = await listen(t);
    const owner = await t.setup();
    const agents = [];
    for (const name of ['Ana', 'Bruno']) {
      const device = (await t.linkDevice(owner.token, `${name}'s browser`)).body;
      agents.push(await t.addAgent(owner.token, name, { deviceToken: device.deviceToken }));
    }
    const [ana, bruno] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const chat = (await t.call('POST', '/conversations', { token: ana.token, body: { title: 'Maria', avatar: 'a:0123456789abcdef' } })).body;
    const atAna = (await TestDevice.connect(server.wsUrl, ana.token)).device;
    const atBruno = (await TestDevice.connect(server.wsUrl, bruno.token)).device;
    sockets.push(atAna, atBruno);

    const arrives = atBruno.next((m) => m.type === 'event' && m.event.type === 'conversation.updated');
    const seenAt = t.now() - 5000;
    const post = (token: string, at: number) =>
      fetch(`${server!.url}/api/v1/signals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ signals: [{ conversationId: chat.id, at: iso(at), unread: 1 }] }),
      });
    expect(await (await post(ana.token, seenAt)).json()).toEqual({ applied: 1, ignored: 0 });
    const message = await arrives;
    expect(message).toMatchObject({
      type: 'event',
      event: {
        type: 'conversation.updated',
        conversationId: chat.id,
        actorId: ana.id,
        data: { reason: 'inbound_signal', conversation: { id: chat.id, waitingSince: iso(seenAt), waitingSource: 'signal', avatar: 'a:0123456789abcdef' } },
      },
    });

    const before = atAna.received.length;
    expect(await (await post(bruno.token, seenAt + 2000)).json()).toEqual({ applied: 0, ignored: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(atAna.received.length).toBe(before);
    expect(atBruno.events('conversation.updated')).toHaveLength(1);
  });
});
