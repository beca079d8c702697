// Routing through the API (issue #8): modes, capacity, the backlog, rules outcomes reported by
// devices, reopened chats, the no-reply timer, after-hours chats. Real SQLite, injected time.
import { afterEach, describe, expect, it } from 'vitest';
import { housekeeping } from '../housekeeping';
import { RELEASE_HOLD_MS, TRIAGE_WAIT_MS } from '../routing';
import { testCoordinator, type Json, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function team<const N extends string>(names: N[], routing: Json = { mode: 'round_robin' }) {
  t = testCoordinator();
  const owner = await t.setup();
  // The owner is a candidate like anyone online; here they only watch.
  await t.call('PUT', '/me/status', { token: owner.token, body: { status: 'away' } });
  const agents = {} as Record<N, { id: string; token: string }>;
  for (const name of names) {
    const agent = await t.addAgent(owner.token, name);
    agents[name] = agent;
    await t.call('PUT', '/me/status', { token: agent.token, body: { status: 'online' } });
  }
  const set = await t.call('PUT', '/workspace/routing', { token: owner.token, body: routing });
  if (set.status !== 200) throw new Error(`routing refused: ${JSON.stringify(set.body)}`);
  let n = 0;
  /** A new chat and its first customer message, as a device reports them. */
  async function newChat(title?: string, at = t.now()) {
    const k = ++n;
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { jid: `55119${String(1000000 + k)}@c.us`, title: title ?? `Customer ${k}` } })).body;
    await t.call('POST', '/messages', { token: owner.token, body: { messages: [{ conversationId: chat.id, waMessageId: `in-${chat.id}-1`, direction: 'in', at: iso(at) }] } });
    return chat.id as string;
  }
  const view = async (id: string) => (await t.call('GET', `/conversations/${id}`, { token: owner.token })).body;
  const events = async (id: string) => (await t.call('GET', `/events?conversationId=${id}`, { token: owner.token })).body as { type: string; data: Json }[];
  const nameOf = (id: string | null) => names.find((name) => agents[name].id === id) ?? null;
  const assigneeOf = async (id: string) => nameOf((await view(id)).assignee);
  /** The clock runs: the agents' devices heart-beat (or the presence sweep takes them offline), then housekeeping. */
  const tick = async () => {
    for (const name of names) await t.call('POST', '/me/heartbeat', { token: agents[name].token });
    return housekeeping(t.deps);
  };
  return { owner, agents, newChat, view, events, nameOf, assigneeOf, tick };
}

describe('round robin', () => {
  it('gives new chats in turn to the agents online, and writes why on the timeline', async () => {
    const { newChat, assigneeOf, events } = await team(['Ana', 'Bruno', 'Carla']);
    const order: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await newChat();
      order.push(await assigneeOf(id));
      t.advance(1000);
    }
    expect(order.slice(0, 3).sort()).toEqual(['Ana', 'Bruno', 'Carla']);
    expect(order.slice(3)).toEqual(order.slice(0, 3));
    const id = await newChat();
    const assigned = (await events(id)).find((e) => e.type === 'assignee.changed')!;
    expect(assigned.data).toMatchObject({ reason: 'auto', routing: { kind: 'round_robin', text: 'round robin' } });
  });

  it('never gives a chat to an agent away, on break or offline', async () => {
    const { agents, newChat, assigneeOf } = await team(['Ana', 'Bruno', 'Carla', 'Davi']);
    await t.call('PUT', '/me/status', { token: agents.Bruno.token, body: { status: 'away' } });
    await t.call('PUT', '/me/status', { token: agents.Carla.token, body: { status: 'on_break' } });
    await t.call('PUT', '/me/status', { token: agents.Davi.token, body: { status: 'offline' } });
    const who = new Set<string | null>();
    for (let i = 0; i < 4; i++) who.add(await assigneeOf(await newChat()));
    expect([...who]).toEqual(['Ana']);
  });

  it('manual mode assigns nothing', async () => {
    const { newChat, view } = await team(['Ana'], { mode: 'manual' });
    expect((await view(await newChat())).assignee).toBeNull();
  });
});

describe('capacity and the backlog', () => {
  it('never exceeds capacity with 50 simultaneous new chats; the oldest waiting go first when room appears', async () => {
    const { owner, agents, newChat, view, nameOf } = await team(['Ana', 'Bruno', 'Carla']);
    for (const a of Object.values(agents)) await t.call('PATCH', `/agents/${a.id}`, { token: owner.token, body: { capacity: 5 } });
    const start = t.now();
    // 50 chats whose first messages are reported at once (each a minute older than the next).
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => newChat(`Rush ${i}`, start - (50 - i) * MINUTE)));
    const views = await Promise.all(ids.map(view));
    const load = new Map<string, number>();
    for (const v of views) if (v.assignee) load.set(v.assignee, (load.get(v.assignee) ?? 0) + 1);
    expect([...load.values()]).toEqual([5, 5, 5]);
    const waiting = views.filter((v) => v.assignee === null);
    expect(waiting).toHaveLength(35);

    // Ana resolves one: the oldest waiting chat is hers at once.
    const anas = views.find((v) => v.assignee === agents.Ana.id)!;
    await t.call('POST', `/conversations/${anas.id}/resolve`, { token: agents.Ana.token });
    const oldest = waiting.sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince))[0]!;
    expect(nameOf((await view(oldest.id)).assignee)).toBe('Ana');
  });

  it('an agent coming online takes the waiting chats, oldest first, up to capacity', async () => {
    const { owner, agents, newChat, view } = await team(['Ana']);
    await t.call('PATCH', `/agents/${agents.Ana.id}`, { token: owner.token, body: { capacity: 2 } });
    await t.call('PUT', '/me/status', { token: agents.Ana.token, body: { status: 'away' } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await newChat(`Wait ${i}`, t.now() - (10 - i) * MINUTE));
      t.advance(1000);
    }
    expect((await Promise.all(ids.map(view))).map((v) => v.assignee)).toEqual([null, null, null]);
    await t.call('PUT', '/me/status', { token: agents.Ana.token, body: { status: 'online' } });
    expect((await Promise.all(ids.map(view))).map((v) => v.assignee)).toEqual([agents.Ana.id, agents.Ana.id, null]);
  });

  it('balanced: the agent with the most room relative to capacity', async () => {
    const { owner, agents, newChat, view } = await team(['Ana', 'Bruno'], { mode: 'balanced' });
    await t.call('PATCH', `/agents/${agents.Ana.id}`, { token: owner.token, body: { capacity: 2 } });
    await t.call('PATCH', `/agents/${agents.Bruno.id}`, { token: owner.token, body: { capacity: 4 } });
    const counts = { Ana: 0, Bruno: 0 };
    for (let i = 0; i < 6; i++) {
      const v = await view(await newChat());
      counts[v.assignee === agents.Ana.id ? 'Ana' : 'Bruno']++;
      t.advance(1000);
    }
    expect(counts).toEqual({ Ana: 2, Bruno: 4 });
  });

  it('a chat released under automatic routing goes to someone else, or is held from the one who let it go', async () => {
    const { agents, newChat, view, events, tick } = await team(['Ana', 'Bruno']);
    const id = await newChat();
    const first = (await view(id)).assignee;
    const releaser = first === agents.Ana.id ? agents.Ana : agents.Bruno;
    const other = first === agents.Ana.id ? agents.Bruno : agents.Ana;
    await t.call('POST', `/conversations/${id}/release`, { token: releaser.token });
    expect((await view(id)).assignee).toBe(other.id);

    // With nobody else online, it waits in the queue for RELEASE_HOLD_MS, then goes out again.
    await t.call('PUT', '/me/status', { token: releaser.token, body: { status: 'away' } });
    await t.call('POST', `/conversations/${id}/release`, { token: other.token });
    await tick();
    expect((await view(id)).assignee).toBeNull();
    t.advance(RELEASE_HOLD_MS - 1000);
    await tick();
    expect((await view(id)).assignee).toBeNull();
    t.advance(2000);
    await tick();
    expect((await view(id)).assignee).toBe(other.id);
    expect((await events(id)).filter((e) => e.type === 'assignee.changed').map((e) => e.data.reason)).toEqual(['auto', 'release', 'auto', 'release', 'auto']);
  });
});

describe('rules, read in the browser', () => {
  const rules = (agentId: string) => ({
    mode: 'rules',
    then: 'round_robin',
    rules: [
      { id: 'refunds', name: 'Refunds', when: { keywords: ['reembolso', 'refund'] }, target: { agentId } },
      { id: 'spanish', name: 'Spanish', when: { languages: ['es'] }, target: { skill: 'es' } },
    ],
  });

  it("routes by the rule a device matched, and the coordinator stores the rule's id, never the text", async () => {
    const built = await team(['Ana', 'Bruno']);
    await t.call('PUT', '/workspace/routing', { token: built.owner.token, body: rules(built.agents.Bruno.id) });
    const chat = (await t.call('POST', '/conversations', { token: built.owner.token, body: { jid: '5511988887777@c.us', title: 'Rafa' } })).body;
    // The device read "Quero um reembolso" in the row's preview and sends only what matched.
    const signal = await t.call('POST', '/signals', {
      token: built.agents.Ana.token,
      body: { signals: [{ conversationId: chat.id, at: iso(t.now()), unread: 1, triage: { ruleIds: ['refunds'], language: 'pt' } }] },
    });
    expect(signal.status).toBe(200);
    const v = await built.view(chat.id);
    expect(v).toMatchObject({ assignee: built.agents.Bruno.id, language: 'pt' });
    const assigned = (await built.events(chat.id)).find((e) => e.type === 'assignee.changed')!;
    expect(assigned.data.routing).toEqual({ kind: 'rule', ruleId: 'refunds', ruleName: 'Refunds', text: 'rule Refunds' });
    // The owner's keywords are in the settings; nothing of the customer's message is anywhere else.
    const triage = t.sqlite.prepare('select triage from conversations where id = ?').get(chat.id) as { triage: string };
    expect(JSON.parse(triage.triage)).toMatchObject({ ruleIds: ['refunds'], language: 'pt' });
    const stored = JSON.stringify(t.sqlite.prepare('select * from conversations').all()) + JSON.stringify(t.sqlite.prepare('select * from events where conversation_id is not null').all());
    expect(stored).not.toMatch(/reembolso|quero/i);

    // A second device's outcome changes nothing: the first report wins.
    await t.call('POST', `/conversations/${chat.id}/triage`, { token: built.owner.token, body: { ruleIds: ['spanish'], language: 'es' } });
    expect(await built.view(chat.id)).toMatchObject({ assignee: built.agents.Bruno.id, language: 'pt' });
  });

  it('waits for a rules outcome, and routes without one after TRIAGE_WAIT_MS', async () => {
    const built = await team(['Ana']);
    await t.call('PUT', '/workspace/routing', { token: built.owner.token, body: rules(built.agents.Ana.id) });
    const id = await built.newChat();
    expect((await built.view(id)).assignee).toBeNull();
    t.advance(TRIAGE_WAIT_MS - 1000);
    await built.tick();
    expect((await built.view(id)).assignee).toBeNull();
    t.advance(1000);
    await built.tick();
    expect((await built.view(id)).assignee).toBe(built.agents.Ana.id);
    const assigned = (await built.events(id)).find((e) => e.type === 'assignee.changed')!;
    expect(assigned.data.routing.text).toBe('round robin');
  });

  it('a triage report routes a waiting chat at once; a skill group target picks among its agents', async () => {
    const built = await team(['Ana', 'Bruno']);
    await t.call('PATCH', `/agents/${built.agents.Bruno.id}`, { token: built.owner.token, body: { skills: ['es'] } });
    await t.call('PUT', '/workspace/routing', { token: built.owner.token, body: rules(built.agents.Ana.id) });
    const id = await built.newChat();
    expect((await built.view(id)).assignee).toBeNull();
    const res = await t.call('POST', `/conversations/${id}/triage`, { token: built.agents.Ana.token, body: { ruleIds: ['spanish'], language: 'es' } });
    expect(res.body).toMatchObject({ assignee: built.agents.Bruno.id, language: 'es' });
  });

  it('back to the last agent, when they are online', async () => {
    const built = await team(['Ana', 'Bruno']);
    await t.call('PUT', '/workspace/routing', { token: built.owner.token, body: { mode: 'rules', rules: [], backToLastAgent: true } });
    const id = await built.newChat();
    const first = (await built.view(id)).assignee;
    const firstAgent = first === built.agents.Ana.id ? built.agents.Ana : built.agents.Bruno;
    await t.call('POST', `/conversations/${id}/resolve`, { token: firstAgent.token });
    await t.call('POST', `/conversations/${id}/release`, { token: firstAgent.token });
    // Two customers in between leave it the other agent's turn; this one comes back all the same.
    t.advance(1000);
    await built.newChat();
    t.advance(1000);
    await built.newChat();
    t.advance(5 * MINUTE);
    await t.call('POST', '/messages', { token: built.owner.token, body: { messages: [{ conversationId: id, waMessageId: 'again', direction: 'in', at: iso(t.now()) }] } });
    expect((await built.view(id)).assignee).toBe(first);
  });
});

describe('reopened chats and the no-reply timer', () => {
  it('a reopened chat whose owner went offline is routed again; an online owner keeps it', async () => {
    const { agents, newChat, view, events } = await team(['Ana', 'Bruno']);
    const id = await newChat();
    const owner = (await view(id)).assignee === agents.Ana.id ? agents.Ana : agents.Bruno;
    const other = owner === agents.Ana ? agents.Bruno : agents.Ana;
    await t.call('POST', `/conversations/${id}/resolve`, { token: owner.token });
    t.advance(MINUTE);
    await t.call('POST', '/messages', { token: owner.token, body: { messages: [{ conversationId: id, waMessageId: 'back-1', direction: 'in', at: iso(t.now()) }] } });
    expect((await view(id)).assignee).toBe(owner.id);

    await t.call('POST', `/conversations/${id}/resolve`, { token: owner.token });
    await t.call('PUT', '/me/status', { token: owner.token, body: { status: 'offline' } });
    t.advance(MINUTE);
    await t.call('POST', '/messages', { token: other.token, body: { messages: [{ conversationId: id, waMessageId: 'back-2', direction: 'in', at: iso(t.now()) }] } });
    expect((await view(id)).assignee).toBe(other.id);
    const texts = (await events(id)).filter((e) => e.type === 'assignee.changed' && e.data.routing).map((e) => e.data.routing.text);
    expect(texts.slice(-2)).toEqual(['rerouted: owner offline', 'round robin']);
  });

  it('hands a chat on when its assignee has not replied in N minutes', async () => {
    const { agents, newChat, view, events, tick } = await team(['Ana', 'Bruno'], { mode: 'round_robin', reassignAfterMinutes: 10 });
    const id = await newChat();
    const first = (await view(id)).assignee;
    t.advance(9 * MINUTE);
    await tick();
    expect((await view(id)).assignee).toBe(first);
    t.advance(MINUTE);
    await tick();
    const second = (await view(id)).assignee;
    expect(second).not.toBe(first);
    expect([agents.Ana.id, agents.Bruno.id]).toContain(second);
    expect((await events(id)).filter((e) => e.type === 'assignee.changed').at(-1)!.data.routing.text).toBe('reassigned: no reply in 10 min');

    // A reply in time stops the timer.
    const replier = second === agents.Ana.id ? agents.Ana : agents.Bruno;
    t.advance(MINUTE);
    await t.call('POST', '/messages', { token: replier.token, body: { messages: [{ conversationId: id, waMessageId: 'reply', direction: 'out', at: iso(t.now()), sentByMe: true }] } });
    t.advance(30 * MINUTE);
    await tick();
    expect((await view(id)).assignee).toBe(second);
  });

  it('tells the owner once instead, when set to notify', async () => {
    const { newChat, view, events, tick } = await team(['Ana'], { mode: 'round_robin', reassignAfterMinutes: 5, onNoReply: 'notify' });
    const id = await newChat();
    const first = (await view(id)).assignee;
    t.advance(6 * MINUTE);
    await tick();
    await tick();
    const told = (await events(id)).filter((e) => e.type === 'conversation.no_reply');
    expect(told).toHaveLength(1);
    expect(told[0]!.data).toMatchObject({ assignee: first, minutes: 5 });
    expect((await view(id)).assignee).toBe(first);
  });
});

describe('business hours', () => {
  // Monday to Friday, 09:00-12:00 and 13:00-17:00 in New York.
  const hours = { timezone: 'America/New_York', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]])), overrides: [] };

  it('a chat written after hours waits as pending and goes first when the day starts', async () => {
    const { owner, agents, newChat, view, tick } = await team(['Ana']);
    await t.call('PATCH', `/agents/${agents.Ana.id}`, { token: owner.token, body: { capacity: 1 } });
    expect((await t.call('PUT', '/workspace/hours', { token: owner.token, body: hours })).status).toBe(200);
    // Monday 2 March 2026, 23:00 in New York (04:00 UTC on Tuesday).
    const night = Date.parse('2026-03-03T04:00:00Z');
    t.advance(night - t.now());
    const late = await newChat('Night owl');
    expect(await view(late)).toMatchObject({ status: 'pending', afterHours: true, assignee: null });
    await tick();
    expect((await view(late)).status).toBe('pending');

    // Tuesday 08:59: still closed; 09:00 opens and the night's chat goes out first.
    t.advance(Date.parse('2026-03-03T13:59:00Z') - t.now());
    await tick();
    expect((await view(late)).status).toBe('pending');
    t.advance(MINUTE);
    await tick();
    expect(await view(late)).toMatchObject({ status: 'open', afterHours: false, assignee: agents.Ana.id });
  });

  it('validates the hours with readable problems', async () => {
    const { owner, agents } = await team(['Ana']);
    const bad = await t.call('PUT', '/workspace/hours', { token: owner.token, body: { ...hours, timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Mars/Olympus');
    const overlap = await t.call('PUT', '/workspace/hours', {
      token: owner.token,
      body: { timezone: 'UTC', weekly: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '14:00' }] } },
    });
    expect(overlap.status).toBe(400);
    expect(JSON.stringify(overlap.body)).toMatch(/overlap/i);
    expect((await t.call('PUT', '/workspace/hours', { token: agents.Ana.token, body: hours })).status).toBe(403);
    expect((await t.call('GET', '/workspace/hours', { token: owner.token })).body).toMatchObject({ timezone: 'UTC' });
  });
});

describe('routing settings', () => {
  it('refuses a rule for an agent of another workspace, and names new rules', async () => {
    const { owner, agents } = await team(['Ana']);
    const unknown = await t.call('PUT', '/workspace/routing', { token: owner.token, body: { mode: 'rules', rules: [{ name: 'VIP', target: { agentId: 'nobody' } }] } });
    expect(unknown.status).toBe(422);
    const ok = await t.call('PUT', '/workspace/routing', { token: owner.token, body: { mode: 'rules', rules: [{ name: 'VIP', when: { tags: ['vip'] }, target: { agentId: agents.Ana.id } }] } });
    expect(ok.body.rules[0].id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await t.call('GET', '/workspace/routing', { token: owner.token })).body).toEqual(ok.body);
    expect((await t.call('GET', '/workspace', { token: agents.Ana.token })).body.routing).toEqual(ok.body);
    expect((await t.call('GET', '/workspace/routing', { token: agents.Ana.token })).status).toBe(403);
  });
});
