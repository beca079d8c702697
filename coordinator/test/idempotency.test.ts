import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

const eventCount = () => (t.sqlite.prepare('select count(*) n from events').get() as { n: number }).n;

describe('Idempotency-Key', () => {
  it('a replayed mutation returns the first answer and changes nothing', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const note = { token: owner.token, body: { text: 'Call back at 3' }, headers: { 'idempotency-key': 'note-1' } };
    const first = await t.call('POST', `/conversations/${chat.id}/notes`, note);
    const before = eventCount();
    const replay = await t.call('POST', `/conversations/${chat.id}/notes`, note);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(eventCount()).toBe(before);
    expect((await t.call('GET', `/conversations/${chat.id}/notes`, { token: owner.token })).body).toHaveLength(1);
  });

  it('an offline queue flushed twice at once applies once', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const queue = [
      { path: `/conversations/${chat.id}/claim`, key: 'q1' },
      { path: `/conversations/${chat.id}/notes`, key: 'q2', body: { text: 'Offline note' } },
      { path: `/conversations/${chat.id}/resolve`, key: 'q3' },
    ];
    // A queue sends in order; two copies of it (two tabs, a retry) race each other.
    const flush = async () => {
      const answers = [];
      for (const q of queue) answers.push(await t.call('POST', q.path, { token: ana.token, body: q.body, headers: { 'idempotency-key': q.key } }));
      return answers;
    };
    const [a, b] = await Promise.all([flush(), flush()]);
    expect(a.map((r) => r.status)).toEqual(b.map((r) => r.status));
    expect(a.map((r) => r.body)).toEqual(b.map((r) => r.body));
    const types = (await t.call('GET', `/events?conversationId=${chat.id}`, { token: owner.token })).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(['conversation.created', 'assignee.changed', 'note.created', 'conversation.status_changed']);
  });

  it('refuses a key reused for a different request, and does not keep answers to bad input', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const headers = { 'idempotency-key': 'k' };
    const bad = await t.call('POST', '/tags', { token: owner.token, body: { name: '' }, headers });
    expect(bad.status).toBe(400);
    const good = await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' }, headers });
    expect(good.status).toBe(201);
    const other = await t.call('POST', '/tags', { token: owner.token, body: { name: 'late' }, headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('keeps keys apart per workspace', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const { createWorkspace } = await import('../workspaces');
    await createWorkspace(t.db, t.now(), { workspace: 'B', name: 'Bea', email: 'bea@b.test', password: 'bea-pass-12' }, { onlyIfFirst: false });
    const bea = (await t.call('POST', '/sessions', { body: { email: 'bea@b.test', password: 'bea-pass-12' } })).body.token;
    const headers = { 'idempotency-key': 'same' };
    const a = await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' }, headers });
    const b = await t.call('POST', '/tags', { token: bea, body: { name: 'vip' }, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});
