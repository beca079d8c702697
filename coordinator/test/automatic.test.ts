// Automatic messages through the API and real WebSockets (issue #8): the greeting and the away
// message decided once per episode, leased to one device that can send, handed on when its lease
// runs out, completed by the holder's report, never a reply. Real SQLite, injected time.
import { describe, expect, it, vi } from 'vitest';
import { AUTOMATIC_MAX_AGE_MS, AWAY_EVERY_MS } from '../../shared/domain/automatic';
import { DEFAULT_AUTOMATIC } from '../../shared/settings';
import { housekeeping } from '../housekeeping';
import type { ServerMsg } from '../../shared/protocol';
import type { Json } from './harness';
import { AWAY, BOTH, CLOSED, connect, coordinatorAt, flush, GREETING, holders, iso, leasesAt, MINUTE, NAMES, OPEN, say, server, shop, t, type Name } from './shop';

describe('automatic message settings', () => {
  it('are off until the owner sets them, owner only, and reach every device in the workspace', async () => {
    coordinatorAt();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const initial = await t.call('GET', '/workspace/automatic', { token: owner.token });
    expect(initial.body).toMatchObject({ greeting: { enabled: false }, away: { enabled: false } });
    expect((await t.call('GET', '/workspace', { token: ana.token })).body.automatic).toEqual(initial.body);
    expect((await t.call('PUT', '/workspace/automatic', { token: ana.token, body: BOTH })).status).toBe(403);
    expect((await t.call('GET', '/workspace/automatic', { token: ana.token })).status).toBe(403);
    expect((await t.call('PUT', '/workspace/automatic', { token: owner.token, body: { ...BOTH, away: { enabled: true, text: ' ' } } })).status).toBe(400);
    expect((await t.call('PUT', '/workspace/automatic', { token: owner.token, body: { ...BOTH, extra: 1 } })).status).toBe(400);

    const put = await t.call('PUT', '/workspace/automatic', { token: owner.token, body: BOTH });
    // Without a menu or a satisfaction question, both are off (their texts are there to edit).
    const served = { ...BOTH, menu: { ...DEFAULT_AUTOMATIC.menu, enabled: false }, satisfaction: { ...DEFAULT_AUTOMATIC.satisfaction, enabled: false } };
    expect(put).toMatchObject({ status: 200, body: served });
    expect((await t.call('GET', '/workspace/automatic-messages', { token: owner.token })).body).toEqual(served);
    expect((await t.call('GET', '/workspace', { token: ana.token })).body.automatic).toEqual(served);
    const updated = ((await t.call('GET', '/events', { token: owner.token })).body as Json[]).filter((e) => e.type === 'workspace.updated').at(-1);
    expect(updated.data.workspace.automatic).toEqual(served);
  });
});

describe('deciding an automatic message', () => {
  it('sends the away message after hours and the greeting in hours, each only when enabled', async () => {
    const closed = await shop(CLOSED);
    await closed.message(closed.agents.Ana.token, 'in');
    expect(closed.intents().map((i) => [i.kind, i.text, i.status])).toEqual([['away', AWAY, 'pending']]);
    const queued = await closed.events('automatic.queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]!.data.automatic).toMatchObject({ kind: 'away', text: AWAY, status: 'pending' });
    t.close();

    const open = await shop(OPEN);
    await open.message(open.agents.Ana.token, 'in');
    expect(open.intents().map((i) => i.kind)).toEqual(['greeting']);
    t.close();

    const awayOnly = await shop(OPEN, { ...BOTH, greeting: { enabled: false, text: GREETING } });
    await awayOnly.message(awayOnly.agents.Ana.token, 'in');
    expect(awayOnly.intents()).toEqual([]);
    t.close();

    const greetingOnly = await shop(CLOSED, { ...BOTH, away: { enabled: false, text: AWAY } });
    await greetingOnly.message(greetingOnly.agents.Ana.token, 'in');
    expect(greetingOnly.intents()).toEqual([]);
  });

  it('once per episode even with four devices reporting the same message, and one device gets it', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, [...NAMES]);
    const seen = t.now() - 20_000;
    const post = (name: Name, path: string, body: Json) =>
      fetch(`${server!.url}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.agents[name].token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const answers = await Promise.all(
      NAMES.flatMap((name, i) => [
        post(name, '/signals', { signals: [{ conversationId: s.chat.id, at: iso(seen + i * 1000), unread: 1 }] }),
        post(name, '/messages', { messages: [{ conversationId: s.chat.id, waMessageId: 'in-1', direction: 'in', at: iso(seen) }] }),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    await flush(s, at);
    expect(s.intents()).toHaveLength(1);
    expect(await s.events('automatic.queued')).toHaveLength(1);
    expect(holders(at)).toHaveLength(1);
    expect(leasesAt(at[holders(at)[0]!])).toHaveLength(1);
  });

  it('never for history, a customer message long past, or a chat the business wrote first; one away message a day', async () => {
    const s = await shop(CLOSED);
    // Old news: a device catching up on a chat sees a message from 16 minutes ago.
    await s.message(s.agents.Ana.token, 'in', { at: iso(t.now() - AUTOMATIC_MAX_AGE_MS - MINUTE) });
    expect(s.intents()).toEqual([]);
    await t.call('POST', `/conversations/${s.chat.id}/resolve`, { token: s.owner.token });
    t.advance(10 * MINUTE);
    // History: written before the resolution, reported after it.
    await s.message(s.agents.Ana.token, 'in', { at: iso(t.now() - 12 * MINUTE) });
    expect(s.intents()).toEqual([]);
    // Fresh: the away message, once.
    await s.message(s.agents.Ana.token, 'in');
    expect(s.intents().map((i) => i.kind)).toEqual(['away']);
    await t.call('POST', `/conversations/${s.chat.id}/resolve`, { token: s.owner.token });
    t.advance(MINUTE);
    await s.message(s.agents.Ana.token, 'in');
    expect(s.intents()).toHaveLength(1);
    // A day later, another episode after hours gets one again.
    await t.call('POST', `/conversations/${s.chat.id}/resolve`, { token: s.owner.token });
    t.advance(AWAY_EVERY_MS);
    await s.message(s.agents.Ana.token, 'in');
    expect(s.intents().map((i) => i.kind)).toEqual(['away', 'away']);

    // The business writes first (an agent starts the conversation): the customer's answer gets nothing.
    const other = (await t.call('POST', '/conversations', { token: s.owner.token, body: { jid: '351911111111@c.us', title: 'Rui' } })).body;
    const report = (direction: 'in' | 'out', id: string) =>
      t.call('POST', '/messages', {
        token: s.agents.Ana.token,
        body: { messages: [{ conversationId: other.id, waMessageId: id, direction, at: iso(t.now()), sentByMe: direction === 'out' }] },
      });
    await report('out', 'o1');
    t.advance(MINUTE);
    await report('in', 'i1');
    expect(s.intents().filter((i) => i.conversation_id === other.id)).toEqual([]);
  });
});

describe('a chat merged into its JID twin', () => {
  it('takes its automatic message along, still one per episode', async () => {
    const s = await shop(CLOSED);
    const jidFirst = (await t.call('POST', '/conversations', { token: s.agents.Bruno.token, body: { jid: '5531977776666@c.us', title: 'Pedro' } })).body;
    const twin = (await t.call('POST', '/conversations', { token: s.agents.Ana.token, body: { title: 'Pedro Alves' } })).body;
    const customer = (conversationId: string, id: string) =>
      t.call('POST', '/messages', { token: s.agents.Ana.token, body: { messages: [{ conversationId, waMessageId: id, direction: 'in', at: iso(t.now()) }] } });
    await customer(twin.id, 'p1');
    await customer(jidFirst.id, 'p2');
    expect(s.intents()).toHaveLength(2);
    const merged = await t.call('POST', '/conversations', { token: s.agents.Bruno.token, body: { jid: '5531977776666@c.us', title: 'Pedro Alves' } });
    expect(merged.body.id).toBe(jidFirst.id);
    expect(s.intents().map((i) => i.conversation_id)).toEqual([jidFirst.id]);
  });
});

describe('the lease', () => {
  it('goes to a ready device only, one device only; with none ready it waits for one', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, []);
    await s.message(s.agents.Ana.token, 'in');
    await flush(s, at);
    expect(holders(at)).toEqual([]);
    expect(s.intents()[0]).toMatchObject({ status: 'pending', attempts: 0, device_id: null });

    const leased = at.Carla.next((m) => m.type === 'automatic');
    await say(s, at, ['Carla'], { type: 'sender', ready: true });
    const msg = (await leased) as Extract<ServerMsg, { type: 'automatic' }>;
    expect(msg.intent).toEqual({
      id: s.intents()[0]!.id,
      conversationId: s.chat.id,
      kind: 'away',
      text: AWAY,
      chat: { title: 'Inês', jid: '351912345678@c.us', avatar: 'a:ines01' },
      createdAt: iso(t.now()),
      leaseUntil: iso(t.now() + 60_000),
      attempt: 1,
    });
    expect(s.intents()[0]).toMatchObject({ status: 'leased', attempts: 1, device_id: s.agents.Carla.deviceId, lease_until: t.now() + 60_000 });
    // Another device becoming ready takes nothing from a live lease.
    await say(s, at, ['Ana'], { type: 'sender', ready: true });
    expect(holders(at)).toEqual(['Carla']);
    expect((await s.events('automatic.leased')).map((e) => e.data.automatic.deviceId)).toEqual([s.agents.Carla.deviceId]);
  });

  it('prefers a device nobody is typing at', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana', 'Bruno']);
    await say(s, at, ['Ana'], { type: 'presence', conversationId: s.chat.id, state: 'typing' });
    await s.message(s.agents.Ana.token, 'in');
    await flush(s, at);
    expect(holders(at)).toEqual(['Bruno']);
  });

  it('runs out after 60 seconds and goes to another ready device', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana', 'Bruno']);
    await s.message(s.agents.Davi.token, 'in');
    await flush(s, at);
    const [first] = holders(at);
    const second = first === 'Ana' ? 'Bruno' : 'Ana';
    expect(holders(at)).toEqual([first]);

    t.advance(60_000 - 1);
    housekeeping(t.deps);
    await flush(s, at);
    expect(holders(at)).toEqual([first]);

    t.advance(1);
    expect(housekeeping(t.deps).automaticLeased).toBe(1);
    await flush(s, at);
    expect(leasesAt(at[second])).toHaveLength(1);
    expect(leasesAt(at[second])[0]).toMatchObject({ attempt: 2, leaseUntil: iso(t.now() + 60_000), createdAt: iso(t.now() - 60_000) });
    expect(leasesAt(at[first!])).toHaveLength(1);

    // The first holder's lease is lost: a failure report is refused; the new holder completes it.
    const late = await s.result(first!, leasesAt(at[second])[0]!.id, { outcome: 'failed', reason: 'tab closed' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('lease_lost');
  });

  it('goes to another device at once when the holder closes its last WhatsApp tab or disconnects', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana', 'Bruno', 'Carla']);
    await s.message(s.agents.Davi.token, 'in');
    await flush(s, at);
    const [first] = holders(at);
    await say(s, at, [first!], { type: 'sender', ready: false });
    const [second] = holders(at).filter((name) => name !== first);
    expect(second).toBeDefined();
    expect(leasesAt(at[second!])[0]).toMatchObject({ attempt: 2 });
    // Its socket closes too: the third device takes it, still no clock needed.
    at[second!].close();
    await vi.waitFor(() => expect(holders(at).length).toBe(3));
    expect(s.intents()[0]).toMatchObject({ status: 'leased', attempts: 3 });
  });

  it('refuses a result from any device but the holder; already_sent completes it, once', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Bruno']);
    await s.message(s.agents.Ana.token, 'in');
    await flush(s, at);
    const intent = leasesAt(at.Bruno)[0]!;

    const stranger = await s.result('Carla', intent.id, { outcome: 'sent', waMessageId: 'true_351912345678@c.us_X' });
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('lease_lost');
    expect((await t.call('POST', `/automatic-messages/${intent.id}/result`, { token: s.owner.token, body: { outcome: 'sent' } })).status).toBe(409);
    expect((await s.result('Bruno', intent.id, { outcome: 'maybe' })).status).toBe(400);
    expect((await s.result('Bruno', 'no-such-id', { outcome: 'sent' })).status).toBe(404);

    expect((await s.result('Bruno', intent.id, { outcome: 'already_sent', waMessageId: 'true_351912345678@c.us_X' })).status).toBe(204);
    expect(s.intents()[0]).toMatchObject({ status: 'sent', done_at: t.now(), wa_message_id: 'true_351912345678@c.us_X', lease_until: null });
    // The same report again changes nothing; a different one from the same device is refused.
    expect((await s.result('Bruno', intent.id, { outcome: 'already_sent', waMessageId: 'true_351912345678@c.us_X' })).status).toBe(204);
    expect((await s.result('Bruno', intent.id, { outcome: 'failed' })).status).toBe(409);
    const sent = await s.events('automatic.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!).toMatchObject({ deviceId: s.agents.Bruno.deviceId, data: { outcome: 'already_sent', waMessageId: 'true_351912345678@c.us_X' } });

    // Done is done: no lease after it, however long the clock runs.
    t.advance(10 * 60_000);
    housekeeping(t.deps);
    await flush(s, at);
    expect(leasesAt(at.Bruno)).toHaveLength(1);
  });

  it('a failure goes to another device at once; after 5 attempts the message has failed', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana', 'Bruno']);
    await s.message(s.agents.Davi.token, 'in');
    await flush(s, at);
    const order: Name[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const row = s.intents()[0]!;
      expect(row).toMatchObject({ status: 'leased', attempts: attempt });
      const holder = NAMES.find((name) => s.agents[name].deviceId === row.device_id)!;
      order.push(holder);
      const res = await s.result(holder, row.id, { outcome: 'failed', reason: 'compose box missing' });
      expect(res.status).toBe(204);
      // Reporting the same failure twice changes nothing.
      expect((await s.result(holder, row.id, { outcome: 'failed', reason: 'compose box missing' })).status).toBe(204);
    }
    // Never twice in a row on the device that just failed, while another is ready.
    expect(order[0]).not.toBe(order[1]);
    expect(order).toEqual([order[0], order[1], order[0], order[1], order[0]]);
    expect(s.intents()[0]).toMatchObject({ status: 'failed', attempts: 5, reason: 'compose box missing' });
    const failed = await s.events('automatic.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({ reason: 'compose box missing', automatic: { attempts: 5 } });
    housekeeping(t.deps);
    await flush(s, at);
    expect(leasesAt(at.Ana).length + leasesAt(at.Bruno).length).toBe(5);
  });

  it('a device alone that fails gets it again only from the clock, not at once', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana']);
    await s.message(s.agents.Davi.token, 'in');
    await flush(s, at);
    expect((await s.result('Ana', leasesAt(at.Ana)[0]!.id, { outcome: 'failed', reason: 'no WhatsApp Web tab' })).status).toBe(204);
    await flush(s, at);
    expect(leasesAt(at.Ana)).toHaveLength(1);
    expect(s.intents()[0]).toMatchObject({ status: 'pending', attempts: 1, reason: 'no WhatsApp Web tab' });
    housekeeping(t.deps);
    await flush(s, at);
    expect(leasesAt(at.Ana).map((i) => i.attempt)).toEqual([1, 2]);
  });

  it('five leases that run out also fail it', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, ['Ana']);
    await s.message(s.agents.Davi.token, 'in');
    for (let i = 0; i < 5; i++) {
      t.advance(60_000);
      housekeeping(t.deps);
    }
    await flush(s, at);
    // With one device ready it gets each lease in turn (nobody else can), then no more.
    expect(leasesAt(at.Ana).map((i) => i.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(s.intents()[0]).toMatchObject({ status: 'failed', attempts: 5, reason: 'lease_expired' });
    expect(await s.events('automatic.failed')).toHaveLength(1);
  });

  it('waits for a ready device for up to 15 minutes, then is dropped', async () => {
    const s = await shop(CLOSED);
    await s.message(s.agents.Ana.token, 'in');
    t.advance(15 * MINUTE);
    housekeeping(t.deps);
    expect(s.intents()[0]).toMatchObject({ status: 'pending', attempts: 0 });
    t.advance(1);
    housekeeping(t.deps);
    expect(s.intents()[0]).toMatchObject({ status: 'cancelled', reason: 'expired' });
  });

  it('is dropped when an agent answers before any device could send it', async () => {
    const s = await shop(CLOSED);
    const at = await connect(s, []);
    await s.message(s.agents.Ana.token, 'in');
    t.advance(MINUTE);
    await s.message(s.agents.Ana.token, 'out', { sentByMe: true });
    await say(s, at, ['Bruno'], { type: 'sender', ready: true });
    expect(holders(at)).toEqual([]);
    expect(s.intents()[0]).toMatchObject({ status: 'cancelled', reason: 'replied' });
    expect(await s.events('automatic.cancelled')).toHaveLength(1);
  });
});

describe('an automatic message sent', () => {
  it('is never a reply: the first-response clock keeps running, the chat stays waiting and unclaimed', async () => {
    const s = await shop(CLOSED);
    await t.call('PUT', '/workspace/sla', { token: s.owner.token, body: { policies: [{ firstResponseMinutes: 30, businessHours: false }] } });
    const at = await connect(s, ['Bruno']);
    await s.message(s.agents.Ana.token, 'in');
    await flush(s, at);
    const intent = leasesAt(at.Bruno)[0]!;
    const before = await s.view();
    expect(before).toMatchObject({ waitingSince: iso(t.now()), sla: { firstResponseDueAt: iso(t.now() + 30 * MINUTE) } });

    t.advance(MINUTE);
    // The sender reports its bubble like any message, flagged automatic, then the result.
    expect((await s.message(s.agents.Bruno.token, 'out', { automatic: 'away', sentByMe: true, waMessageId: 'away-1' })).body).toEqual({ recorded: 1, duplicates: 0 });
    expect((await s.message(s.agents.Carla.token, 'out', { automatic: 'away', waMessageId: 'away-1' })).body).toEqual({ recorded: 0, duplicates: 1 });
    expect((await s.result('Bruno', intent.id, { outcome: 'sent', waMessageId: 'away-1' })).status).toBe(204);
    const after = await s.view();
    expect(after).toMatchObject({
      status: before.status,
      assignee: null,
      waitingSince: before.waitingSince,
      lastOutboundAt: null,
      sla: { firstResponseDueAt: before.sla.firstResponseDueAt, breached: [] },
    });
    expect(await s.events('automatic.sent')).toHaveLength(1);
    // Recorded once, flagged, and credited to nobody (Bruno's device said it sent it: it was Baton).
    expect((await s.events('message.created')).filter((e: Json) => e.data.direction === 'out').map((e: Json) => [e.data.waMessageId, e.data.automatic, e.data.agentId])).toEqual([['away-1', 'away', null]]);

    // A human reply does stop it.
    t.advance(MINUTE);
    await s.message(s.agents.Bruno.token, 'out', { sentByMe: true });
    expect((await s.view()).sla.firstResponseDueAt).toBeNull();
  });
});
