import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

async function team(agentNames: string[]) {
  t = testCoordinator();
  const owner = await t.setup();
  const agents = [];
  for (const name of agentNames) agents.push(await t.addAgent(owner.token, name));
  const chat = await t.call('POST', '/conversations', { token: owner.token, body: { jid: '5511999990000@c.us', title: 'Maria Silva' } });
  return { owner, agents, chatId: chat.body.id as string };
}

describe('claims', () => {
  it('twenty agents claim at once: exactly one wins, nineteen get a clean 409 naming the owner', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Agent ${String.fromCharCode(65 + i)}`);
    const { owner, agents, chatId } = await team(names);
    const results = await Promise.all(agents.map((a) => t.call('POST', `/conversations/${chatId}/claim`, { token: a.token })));
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const winner = winners[0]!.body.assignee;
    for (const loser of losers) {
      expect(loser.body).toMatchObject({ error: { code: 'not_yours' }, assignee: winner });
      expect(loser.body.error.message).toMatch(/^Agent [A-T] owns this conversation$/);
    }
    const events = (await t.call('GET', `/events?conversationId=${chatId}`, { token: owner.token })).body;
    expect(events.filter((e: { type: string }) => e.type === 'assignee.changed')).toHaveLength(1);
  });

  it('claiming your own conversation again changes nothing', async () => {
    const { agents, chatId, owner } = await team(['Ana']);
    await t.call('POST', `/conversations/${chatId}/claim`, { token: agents[0]!.token });
    const again = await t.call('POST', `/conversations/${chatId}/claim`, { token: agents[0]!.token });
    expect(again.status).toBe(200);
    const events = (await t.call('GET', `/events?conversationId=${chatId}`, { token: owner.token })).body;
    expect(events.filter((e: { type: string }) => e.type === 'assignee.changed')).toHaveLength(1);
  });

  it('releases to the queue; only the assignee or the owner may release', async () => {
    const { agents, chatId, owner } = await team(['Ana', 'Bruno']);
    const [ana, bruno] = agents as [typeof agents[0], typeof agents[0]];
    await t.call('POST', `/conversations/${chatId}/claim`, { token: ana.token });
    expect((await t.call('POST', `/conversations/${chatId}/release`, { token: bruno.token })).status).toBe(409);
    const released = await t.call('POST', `/conversations/${chatId}/release`, { token: ana.token });
    expect(released.body.assignee).toBeNull();
    await t.call('POST', `/conversations/${chatId}/claim`, { token: bruno.token });
    expect((await t.call('POST', `/conversations/${chatId}/release`, { token: owner.token })).body.assignee).toBeNull();
  });
});

describe('transfers', () => {
  it('moves the conversation with a note, recorded in the timeline', async () => {
    const { agents, chatId, owner } = await team(['Ana', 'Bruno']);
    const [ana, bruno] = agents as [typeof agents[0], typeof agents[0]];
    await t.call('POST', `/conversations/${chatId}/claim`, { token: ana.token });
    const res = await t.call('POST', `/conversations/${chatId}/transfer`, { token: ana.token, body: { to: bruno.id, note: 'Wants a refund, over to billing' } });
    expect(res.status).toBe(200);
    expect(res.body.assignee).toBe(bruno.id);
    const timeline = (await t.call('GET', `/events?conversationId=${chatId}`, { token: owner.token })).body;
    expect(timeline.at(-1)).toMatchObject({
      type: 'assignee.changed',
      actorId: ana.id,
      data: { from: ana.id, to: bruno.id, reason: 'transfer', note: 'Wants a refund, over to billing' },
    });
  });

  it('refuses unknown, removed and other-workspace agents, and someone else’s conversation', async () => {
    const { agents, chatId, owner } = await team(['Ana', 'Bruno', 'Carla']);
    const [ana, bruno, carla] = agents as [typeof agents[0], typeof agents[0], typeof agents[0]];
    await t.call('POST', `/conversations/${chatId}/claim`, { token: ana.token });

    const unknown = await t.call('POST', `/conversations/${chatId}/transfer`, { token: ana.token, body: { to: 'no-such-agent' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_agent');

    await t.call('DELETE', `/agents/${carla.id}`, { token: owner.token });
    expect((await t.call('POST', `/conversations/${chatId}/transfer`, { token: ana.token, body: { to: carla.id } })).status).toBe(422);

    const { createWorkspace } = await import('../workspaces');
    const other = await createWorkspace(t.db, t.now(), { workspace: 'Other shop', name: 'Otto', email: 'otto@other.test', password: 'otto-pass-1' }, { onlyIfFirst: false });
    expect((await t.call('POST', `/conversations/${chatId}/transfer`, { token: ana.token, body: { to: other.ownerId } })).status).toBe(422);

    const notMine = await t.call('POST', `/conversations/${chatId}/transfer`, { token: bruno.token, body: { to: bruno.id } });
    expect(notMine.status).toBe(409);
    expect(notMine.body.assignee).toBe(ana.id);

    // The owner may always move it.
    expect((await t.call('POST', `/conversations/${chatId}/transfer`, { token: owner.token, body: { to: bruno.id } })).body.assignee).toBe(bruno.id);
  });

  it('lets only the owner assign, to anyone or nobody', async () => {
    const { agents, chatId, owner } = await team(['Ana', 'Bruno']);
    const [ana, bruno] = agents as [typeof agents[0], typeof agents[0]];
    expect((await t.call('POST', `/conversations/${chatId}/assign`, { token: ana.token, body: { to: ana.id } })).status).toBe(403);
    expect((await t.call('POST', `/conversations/${chatId}/assign`, { token: owner.token, body: { to: bruno.id } })).body.assignee).toBe(bruno.id);
    expect((await t.call('POST', `/conversations/${chatId}/assign`, { token: owner.token, body: { to: null } })).body.assignee).toBeNull();
  });
});

describe('lifecycle', () => {
  it('resolves, reopens, snoozes and wakes up', async () => {
    const { agents, chatId } = await team(['Ana', 'Bruno']);
    const [ana, bruno] = agents as [typeof agents[0], typeof agents[0]];
    await t.call('POST', `/conversations/${chatId}/claim`, { token: ana.token });
    expect((await t.call('POST', `/conversations/${chatId}/resolve`, { token: bruno.token })).status).toBe(409);
    expect((await t.call('POST', `/conversations/${chatId}/resolve`, { token: ana.token })).body.status).toBe('resolved');
    expect((await t.call('POST', `/conversations/${chatId}/reopen`, { token: ana.token })).body.status).toBe('open');

    const past = await t.call('POST', `/conversations/${chatId}/snooze`, { token: ana.token, body: { until: new Date(t.now() - 1).toISOString() } });
    expect(past.status).toBe(400);
    const until = new Date(t.now() + 3600_000).toISOString();
    const snoozed = await t.call('POST', `/conversations/${chatId}/snooze`, { token: ana.token, body: { until } });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });

    const { wakeSnoozed } = await import('../routes/conversations');
    t.advance(3599_000);
    expect(wakeSnoozed(t.deps)).toBe(0);
    t.advance(1000);
    expect(wakeSnoozed(t.deps)).toBe(1);
    expect((await t.call('GET', `/conversations/${chatId}`, { token: ana.token })).body).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('tags a conversation with workspace tags only, and deleting a tag takes it off', async () => {
    const { agents, chatId, owner } = await team(['Ana']);
    const tag = await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip', color: '#ff0000' } });
    expect(tag.status).toBe(201);
    expect((await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' } })).status).toBe(409);
    const unknown = await t.call('PUT', `/conversations/${chatId}/tags`, { token: agents[0]!.token, body: { tags: ['vip', 'nope'] } });
    expect(unknown.status).toBe(422);
    expect((await t.call('PUT', `/conversations/${chatId}/tags`, { token: agents[0]!.token, body: { tags: ['vip'] } })).body.tags).toEqual(['vip']);
    expect((await t.call('DELETE', `/tags/${tag.body.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.call('GET', `/conversations/${chatId}`, { token: owner.token })).body.tags).toEqual([]);
  });

  it('lists the queue oldest waiting first, and filters by assignee', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const ids: string[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      ids.push((await t.call('POST', '/conversations', { token: ana.token, body: { title } })).body.id);
    }
    // Customers write in the order Third, First; Second has not written.
    const report = (conversationId: string, waMessageId: string) => ({ conversationId, waMessageId, direction: 'in', at: new Date(t.now()).toISOString() });
    await t.call('POST', '/messages', { token: ana.token, body: { messages: [report(ids[2]!, 'm1')] } });
    t.advance(1000);
    await t.call('POST', '/messages', { token: ana.token, body: { messages: [report(ids[0]!, 'm2')] } });
    await t.call('POST', `/conversations/${ids[1]}/claim`, { token: ana.token });

    const queue = (await t.call('GET', '/conversations?assignee=none', { token: ana.token })).body;
    expect(queue.map((c: { title: string }) => c.title)).toEqual(['Third', 'First']);
    const mine = (await t.call('GET', '/conversations?assignee=me', { token: ana.token })).body;
    expect(mine.map((c: { title: string }) => c.title)).toEqual(['Second']);
    expect((await t.call('GET', '/conversations?status=bogus', { token: ana.token })).status).toBe(400);
  });
});

describe('notes and canned responses', () => {
  it('adds internal notes with @mentions', async () => {
    const { agents, chatId } = await team(['Ana Paula', 'Bruno']);
    const [ana, bruno] = agents as [typeof agents[0], typeof agents[0]];
    const note = await t.call('POST', `/conversations/${chatId}/notes`, { token: bruno.token, body: { text: 'Asked @ana paula about the order; @Brunox is nobody' } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ authorId: bruno.id, mentions: [ana.id] });
    const first = await t.call('POST', `/conversations/${chatId}/notes`, { token: ana.token, body: { text: 'thanks @bruno.' } });
    expect(first.body.mentions).toEqual([bruno.id]);
    const list = (await t.call('GET', `/conversations/${chatId}/notes`, { token: ana.token })).body;
    expect(list.map((n: { text: string }) => n.text)).toHaveLength(2);
  });

  it('keeps canned responses with unique shortcuts, written by the owner', async () => {
    const { agents, owner } = await team(['Ana']);
    const body = { shortcut: 'hours', text: 'Hi {{name}}, we open 8:00 to 18:00. {{agent}}' };
    expect((await t.call('POST', '/canned-responses', { token: agents[0]!.token, body })).status).toBe(403);
    const created = await t.call('POST', '/canned-responses', { token: owner.token, body });
    expect(created.status).toBe(201);
    expect((await t.call('POST', '/canned-responses', { token: owner.token, body })).status).toBe(409);
    const bad = await t.call('POST', '/canned-responses', { token: owner.token, body: { shortcut: 'Opening Hours', text: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Shortcut');
    const updated = await t.call('PUT', `/canned-responses/${created.body.id}`, { token: owner.token, body: { shortcut: 'hours', text: 'Changed' } });
    expect(updated.body.text).toBe('Changed');
    expect((await t.call('GET', '/canned-responses', { token: agents[0]!.token })).body).toHaveLength(1);
    expect((await t.call('DELETE', `/canned-responses/${created.body.id}`, { token: owner.token })).status).toBe(204);
  });
});
