// GET /api/v1/reports/agents through the API (issue #9): a short scripted day whose figures are
// worked out by hand, on the wall clock and in business hours. Real SQLite, injected time.
import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type Json, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
// Monday 2026-03-02, 16:50 in Lisbon (UTC+0): ten minutes before closing at 17:00.
const START = Date.parse('2026-03-02T16:50:00Z');
const HOURS = { timezone: 'Europe/Lisbon', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])), overrides: [] };

async function day() {
  t = testCoordinator(START);
  const owner = await t.setup();
  expect((await t.call('PUT', '/workspace/hours', { token: owner.token, body: HOURS })).status).toBe(200);
  const ana = await t.addAgent(owner.token, 'Ana');
  const chat = (await t.call('POST', '/conversations', { token: ana.token, body: { jid: '351912345678@c.us', title: 'Inês' } })).body;
  let n = 0;
  const message = (direction: 'in' | 'out', extra: Json = {}) =>
    t.call('POST', '/messages', { token: ana.token, body: { messages: [{ conversationId: chat.id, waMessageId: `m${++n}`, direction, at: iso(t.now()), ...extra }] } });
  // 16:50 the customer writes; 16:52 Ana claims; 16:55 she answers; the customer writes at 17:00,
  // Ana answers the next morning at 09:10; she resolves at 09:30.
  await message('in');
  t.advance(2 * MINUTE);
  await t.call('POST', `/conversations/${chat.id}/claim`, { token: ana.token });
  t.advance(3 * MINUTE);
  await message('out', { sentByMe: true });
  t.advance(5 * MINUTE);
  await message('in');
  t.advance(16 * 60 * MINUTE + 10 * MINUTE);
  await message('out', { sentByMe: true });
  t.advance(20 * MINUTE);
  expect((await t.call('POST', `/conversations/${chat.id}/resolve`, { token: ana.token })).status).toBe(200);
  const report = async (query: string) => (await t.call('GET', `/reports/agents?${query}`, { token: owner.token })).body;
  return { owner, ana, chat, report };
}

describe('the per-agent report', () => {
  it('gives each time to whoever did it, on the wall clock and in business hours', async () => {
    const { ana, report } = await day();
    const wall = await report('from=2026-03-02&to=2026-03-02');
    expect(wall).toMatchObject({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', hours: 'wall', episodes: 1 });
    const a = wall.agents.find((r: Json) => r.agentId === ana.id);
    expect([a.firstResponse.median, a.firstResponse.count]).toEqual([300, 1]);
    expect([a.assignmentToReply.median, a.assignmentToReply.count]).toEqual([180, 1]);
    // 5 min, then 17:00 to 09:10 the next day (16 h 10 min).
    expect([a.reply.median, a.reply.p90, a.reply.mean, a.reply.count]).toEqual([(300 + 58_200) / 2, 58_200, (300 + 58_200) / 2, 2]);
    expect([a.resolution.median, a.resolution.count]).toEqual([16 * 3600 + 40 * 60, 1]);
    expect(a).toMatchObject({ messagesSent: 2, resolutions: 1, conversationsResolved: 1, conversationsHandled: 1, reopenRate: 0 });

    const business = (await report('from=2026-03-02&to=2026-03-02&hours=business')).agents.find((r: Json) => r.agentId === ana.id);
    // 17:00 to 09:10: only the ten minutes after opening count; the resolution: 10 min Monday, 30 Tuesday.
    expect([business.reply.median, business.reply.p90]).toEqual([(300 + 600) / 2, 600]);
    expect(business.resolution.median).toBe(40 * 60);
  });

  it('counts an episode in the range its start falls in', async () => {
    const { report } = await day();
    expect((await report('from=2026-03-03&to=2026-03-09')).episodes).toBe(0);
    expect((await report(`from=${encodeURIComponent('2026-03-02T16:49:00Z')}&to=${encodeURIComponent('2026-03-02T16:51:00Z')}`)).episodes).toBe(1);
  });

  it('is the owner\'s, and refuses a range that ends before it starts', async () => {
    const { ana, owner } = await day();
    expect((await t.call('GET', '/reports/agents?from=2026-03-02&to=2026-03-02', { token: ana.token })).status).toBe(403);
    expect((await t.call('GET', '/reports/agents?from=2026-03-05&to=2026-03-02', { token: owner.token })).status).toBe(400);
    expect((await t.call('GET', '/reports/agents?from=yesterday&to=2026-03-02', { token: owner.token })).status).toBe(400);
  });

  it('drills down to the episodes behind a figure, and exports one CSV row per episode', async () => {
    const { owner, ana, chat } = await day();
    const get = async (query: string) => (await t.call('GET', `/reports/episodes?from=2026-03-02&to=2026-03-02&${query}`, { token: owner.token })).body;
    const all = await get('');
    expect(all).toMatchObject({ total: 1, offset: 0 });
    expect(all.episodes[0]).toMatchObject({
      conversationId: chat.id,
      title: 'Inês',
      startedAt: '2026-03-02T16:50:00.000Z',
      openedBy: 'customer',
      resolvedBy: ana.id,
      agents: [ana.id],
      times: { firstResponse: [{ agentId: ana.id, seconds: 300 }], reply: [{ agentId: ana.id, seconds: 300 }, { agentId: ana.id, seconds: 58_200 }] },
    });
    // The slow replies: those of an hour or more.
    expect((await get(`agent=${ana.id}&metric=reply&min=3600`)).total).toBe(1);
    expect((await get(`agent=${ana.id}&metric=firstResponse&min=3600`)).total).toBe(0);
    expect((await get('agent=someone-else')).total).toBe(0);

    const csv = await t.call('GET', '/reports/episodes.csv?from=2026-03-02&to=2026-03-02', { token: owner.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header, row, end] = String(csv.body).split('\r\n');
    expect(header).toBe(
      'conversation_id,title,started_at,opened_by,resolved_at,resolved_by,agents,first_response_s,first_responder,assignment_to_reply_s,reply_s,resolution_s,reopened,satisfaction,sla_breaches,tags',
    );
    expect(row!.split(',')).toEqual([chat.id, 'Inês', '2026-03-02T16:50:00.000Z', 'customer', '2026-03-03T09:30:00.000Z', ana.id, ana.id, '300', ana.id, '180', '300;58200', String(16 * 3600 + 40 * 60), 'false', '', '', '']);
    expect(end).toBe('');
  });
});
