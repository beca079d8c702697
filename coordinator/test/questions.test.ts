// The triage menu and the satisfaction question through the API and real WebSockets (issue #8):
// asked by one device, answered with a number the browser read (never the text), the menu's
// answer routing by skill group, the rating recorded against the agent who resolved the chat.
import { describe, expect, it } from 'vitest';
import { MENU_ANSWER_WAIT_MS, SATISFACTION_ANSWER_WINDOW_MS } from '../../shared/domain/automatic';
// The clocks alone (housekeeping would also send agents offline, silent as they are in a test).
import { AFTER_REPLY_QUIET_MS, tendAutomatic } from '../automatic';
import { tendRouting } from '../routing-clock';
import type { Json } from './harness';
import { BOTH, connect, flush, iso, leasesAt, MINUTE, NAMES, OPEN, shop, t, type Name, type Shop } from './shop';

const MENU = {
  enabled: true,
  text: 'Olá {{name}}! What can we help you with?',
  options: [
    { label: 'Orders', skill: 'orders' },
    { label: 'Cakes', skill: 'cakes' },
    { label: 'Jobs', skill: 'jobs' },
  ],
};
const SURVEY = { enabled: true, text: 'How did we do, {{name}}? Reply 1 to 5.' };

/** A shop in rules mode (round robin for the rest) with every agent online; Bruno does cakes. */
async function rulesShop(automatic: Json) {
  const s = await shop(OPEN, automatic);
  await t.call('PUT', '/me/status', { token: s.owner.token, body: { status: 'away' } });
  for (const name of NAMES) await t.call('PUT', '/me/status', { token: s.agents[name].token, body: { status: 'online' } });
  await t.call('PATCH', `/agents/${s.agents.Bruno.id}`, { token: s.owner.token, body: { skills: ['cakes'] } });
  expect((await t.call('PUT', '/workspace/routing', { token: s.owner.token, body: { mode: 'rules', rules: [], then: 'round_robin' } })).status).toBe(200);
  return s;
}

/** The device holding the lease sends it and says so; returns the intent. */
async function sendLeased(s: Shop, at: Awaited<ReturnType<typeof connect>>, name: Name, n = 0) {
  await flush(s, at);
  const intent = leasesAt(at[name])[n]!;
  expect(intent).toBeDefined();
  await s.message(s.agents[name].token, 'out', { automatic: intent.kind, sentByMe: true, waMessageId: `auto-${intent.id}` });
  expect((await s.result(name, intent.id, { outcome: 'sent', waMessageId: `auto-${intent.id}` })).status).toBe(204);
  return intent;
}

const signal = (s: Shop, name: Name, extra: Json) =>
  t.call('POST', '/signals', { token: s.agents[name].token, body: { signals: [{ conversationId: s.chat.id, at: iso(t.now()), unread: 1, ...extra }] } });

describe('the triage menu', () => {
  it('takes the greeting\'s place in rules mode, holds the chat, and its answer routes it to the skill group', async () => {
    const s = await rulesShop({ ...BOTH, menu: MENU });
    const at = await connect(s, ['Davi']);
    // The first device to see the new row reports it with its rules outcome (none held here).
    expect((await signal(s, 'Ana', { triage: { ruleIds: [], language: 'pt' } })).status).toBe(200);
    await s.message(s.agents.Ana.token, 'in');
    // One message, personalised, the options numbered; the chat waits for the answer, unassigned.
    expect(s.intents().map((i) => [i.kind, i.text])).toEqual([['menu', 'Olá Inês! What can we help you with? 1 Orders, 2 Cakes, 3 Jobs']]);
    expect((await s.view()).assignee).toBeNull();

    t.advance(MINUTE);
    await sendLeased(s, at, 'Davi');
    const asked = await s.view();
    expect(asked.question).toEqual({ kind: 'menu', options: 3, askedAt: iso(t.now()), answer: null, answeredAt: null });
    // The menu is Baton's own message: nobody claimed the chat, no clock stopped.
    expect(asked).toMatchObject({ assignee: null, lastOutboundAt: null });

    // The customer answers "2"; a device reads it in the chat list and sends only the number.
    t.advance(MINUTE);
    const answered = await signal(s, 'Carla', { answer: 2 });
    expect(answered.status).toBe(200);
    const routed = await s.view();
    expect(routed).toMatchObject({ assignee: s.agents.Bruno.id, question: { answer: 2, answeredAt: iso(t.now()) } });
    const assigned = (await s.events('assignee.changed')).at(-1)!;
    expect(assigned.data.routing).toEqual({ kind: 'menu', skill: 'cakes', text: 'menu: cakes' });
    expect((await s.events('menu.answered')).map((e) => [e.data.option, e.data.label, e.data.skill])).toEqual([[2, 'Cakes', 'cakes']]);
    // The other devices' copies, and the message itself once read, change nothing.
    await signal(s, 'Ana', { answer: 2 });
    await s.message(s.agents.Davi.token, 'in', { answer: 2, at: iso(t.now() - 20_000) });
    expect(await s.view()).toMatchObject({ assignee: s.agents.Bruno.id, question: { answer: 2 } });
    expect(s.intents()[0]).toMatchObject({ answer: 2 });
  });

  it('without an answer within 3 minutes of asking, the chat is routed by the rest of the rules', async () => {
    const s = await rulesShop({ ...BOTH, menu: MENU });
    const at = await connect(s, ['Davi']);
    await s.message(s.agents.Ana.token, 'in');
    await sendLeased(s, at, 'Davi');
    // The customer writes their question instead of a number: no answer reaches the coordinator.
    t.advance(MINUTE);
    await s.message(s.agents.Ana.token, 'in');
    t.advance(MENU_ANSWER_WAIT_MS - 2 * MINUTE);
    tendRouting(t.deps);
    expect((await s.view()).assignee).toBeNull();
    t.advance(MINUTE + 1000);
    tendRouting(t.deps);
    const view = await s.view();
    expect(view.assignee).not.toBeNull();
    expect((await s.events('assignee.changed')).at(-1)!.data.routing.kind).toBe('round_robin');
    // A number now is just a message: the menu was given up on.
    await signal(s, 'Ana', { answer: 3 });
    expect((await s.view()).assignee).toBe(view.assignee);
  });

  it('a number out of range, one sent before the menu, or one for a chat never asked is no answer', async () => {
    const s = await rulesShop({ ...BOTH, menu: MENU });
    const at = await connect(s, ['Davi']);
    // Before anything was asked (a device that guessed): nothing.
    await s.message(s.agents.Ana.token, 'in', { answer: 2 });
    expect((await s.view()).question).toBeNull();
    t.advance(MINUTE);
    await sendLeased(s, at, 'Davi');
    // Out of range is refused by nobody, and answers nothing.
    await signal(s, 'Ana', { answer: 4 });
    // Written 10 minutes before the question went out.
    await s.message(s.agents.Ana.token, 'in', { answer: 2, at: iso(t.now() - 10 * MINUTE) });
    expect(await s.view()).toMatchObject({ assignee: null, question: { answer: null } });
    // More than nine options cannot be answered with one number.
    expect((await signal(s, 'Ana', { answer: 10 })).status).toBe(400);
  });

  it('is not sent outside rules mode, and is cancelled once someone takes the chat by hand', async () => {
    const plain = await shop(OPEN, { ...BOTH, menu: MENU });
    await plain.message(plain.agents.Ana.token, 'in');
    expect(plain.intents().map((i) => i.kind)).toEqual(['greeting']);
    t.close();

    const s = await rulesShop({ ...BOTH, menu: MENU });
    const at = await connect(s, ['Davi']);
    await s.message(s.agents.Ana.token, 'in');
    await flush(s, at);
    const intent = leasesAt(at.Davi)[0]!;
    // A hand assignment first: the menu is moot, cancelled at the next lease round.
    await t.call('POST', `/conversations/${s.chat.id}/assign`, { token: s.owner.token, body: { to: s.agents.Carla.id } });
    expect((await s.result('Davi', intent.id, { outcome: 'failed', reason: 'chat not found' })).status).toBe(204);
    expect(s.intents()[0]).toMatchObject({ status: 'cancelled', reason: 'assigned' });
    expect((await s.view()).assignee).toBe(s.agents.Carla.id);
  });

  it('a menu that could not be sent leaves the chat to the rest of the rules at once', async () => {
    const s = await rulesShop({ ...BOTH, menu: MENU });
    const at = await connect(s, ['Davi']);
    await s.message(s.agents.Ana.token, 'in');
    for (let attempt = 0; attempt < 5; attempt++) {
      await flush(s, at);
      const intent = leasesAt(at.Davi)[attempt]!;
      expect((await s.result('Davi', intent.id, { outcome: 'failed', reason: 'no message box' })).status).toBe(204);
      if (attempt < 4) tendAutomatic(t.deps);
    }
    expect(s.intents()[0]).toMatchObject({ status: 'failed', attempts: 5 });
    expect((await s.view()).assignee).not.toBeNull();
    expect((await s.events('assignee.changed')).at(-1)!.data.routing.kind).toBe('round_robin');
  });

  it('validates its options: 1 to 9, each with a label and a skill', async () => {
    const s = await shop(OPEN);
    const put = (menu: Json) => t.call('PUT', '/workspace/automatic', { token: s.owner.token, body: { ...BOTH, menu } });
    expect((await put({ ...MENU, options: [] })).status).toBe(400);
    expect((await put({ ...MENU, options: Array.from({ length: 10 }, (_, i) => ({ label: `L${i}`, skill: 's' })) })).status).toBe(400);
    expect((await put({ ...MENU, options: [{ label: ' ', skill: 'a' }] })).status).toBe(400);
    expect((await put(MENU)).body.menu).toEqual(MENU);
  });
});

/** Ana claims and answers the chat, then resolves it. */
async function resolvedByAna(s: Shop) {
  await s.message(s.agents.Ana.token, 'in');
  await t.call('POST', `/conversations/${s.chat.id}/claim`, { token: s.agents.Ana.token });
  t.advance(MINUTE);
  await s.message(s.agents.Ana.token, 'out', { sentByMe: true });
  t.advance(MINUTE);
  expect((await t.call('POST', `/conversations/${s.chat.id}/resolve`, { token: s.agents.Ana.token })).status).toBe(200);
}

describe('the satisfaction question', () => {
  it('is asked 5 minutes after the last reply, and a digit is recorded against the resolver without reopening', async () => {
    const s = await shop(OPEN, { ...BOTH, greeting: { ...BOTH.greeting, enabled: false }, satisfaction: SURVEY });
    const at = await connect(s, ['Carla']);
    await resolvedByAna(s);
    const survey = s.intents().find((i) => i.kind === 'satisfaction')!;
    expect(survey).toMatchObject({ text: 'How did we do, Inês? Reply 1 to 5.', agent_id: s.agents.Ana.id, status: 'pending' });
    await flush(s, at);
    expect(leasesAt(at.Carla)).toEqual([]);
    // The clock leases it once the quiet time after Ana's reply is over.
    t.advance(AFTER_REPLY_QUIET_MS - MINUTE);
    tendAutomatic(t.deps);
    await sendLeased(s, at, 'Carla');
    expect((await s.view()).question).toMatchObject({ kind: 'satisfaction', options: 5, answer: null });
    // Sending it reopened nothing.
    expect((await s.view()).status).toBe('resolved');

    t.advance(MINUTE);
    expect((await signal(s, 'Bruno', { answer: 4 })).body).toEqual({ applied: 1, ignored: 0 });
    // The bubble "4" reported by every device later: recorded as a message, still resolved.
    for (const name of NAMES) await s.message(s.agents[name].token, 'in', { answer: 4, waMessageId: 'rating-1', at: iso(t.now() - 10_000) });
    const view = await s.view();
    expect(view).toMatchObject({ status: 'resolved', waitingSince: null, question: { answer: 4 } });
    const rated = await s.events('satisfaction.rated');
    expect(rated.map((e) => [e.data.rating, e.data.agentId])).toEqual([[4, s.agents.Ana.id]]);
    expect(t.sqlite.prepare("select count(*) n from messages where wa_message_id = 'rating-1'").get()).toEqual({ n: 1 });

    // Anything else afterwards is the customer writing again: it reopens.
    t.advance(MINUTE);
    await s.message(s.agents.Bruno.token, 'in');
    expect(await s.view()).toMatchObject({ status: 'open', question: null });
  });

  it('a message that is not a digit reopens the chat and ends the question; a late digit is a message', async () => {
    const s = await shop(OPEN, { ...BOTH, greeting: { ...BOTH.greeting, enabled: false }, satisfaction: SURVEY });
    const at = await connect(s, ['Carla']);
    await resolvedByAna(s);
    t.advance(AFTER_REPLY_QUIET_MS);
    tendAutomatic(t.deps);
    await sendLeased(s, at, 'Carla');
    t.advance(SATISFACTION_ANSWER_WINDOW_MS + MINUTE);
    await signal(s, 'Bruno', { answer: 5 });
    expect(await s.events('satisfaction.rated')).toEqual([]);
    expect((await s.view()).status).toBe('open');
  });

  it('is not asked when nobody replied, when it is off, or when the customer wrote again before it went', async () => {
    const off = await shop(OPEN, BOTH);
    await resolvedByAna(off);
    expect(off.intents().filter((i) => i.kind === 'satisfaction')).toEqual([]);
    t.close();

    const silent = await shop(OPEN, { ...BOTH, satisfaction: SURVEY });
    await silent.message(silent.agents.Ana.token, 'in');
    await t.call('POST', `/conversations/${silent.chat.id}/resolve`, { token: silent.owner.token });
    expect(silent.intents().filter((i) => i.kind === 'satisfaction')).toEqual([]);
    t.close();

    const s = await shop(OPEN, { ...BOTH, satisfaction: SURVEY });
    const at = await connect(s, ['Carla']);
    await resolvedByAna(s);
    t.advance(MINUTE);
    await s.message(s.agents.Ana.token, 'in');
    t.advance(AFTER_REPLY_QUIET_MS);
    tendAutomatic(t.deps);
    await flush(s, at);
    expect(leasesAt(at.Carla).filter((i) => i.kind === 'satisfaction')).toEqual([]);
    expect(s.intents().find((i) => i.kind === 'satisfaction')).toMatchObject({ status: 'cancelled', reason: 'reopened' });
  });
});
