// SLA clocks through the API (issue #8): deadlines computed when a clock starts, in business
// hours or on the wall clock, stopped by human replies only, breaches recorded once per clock.
import { afterEach, describe, expect, it } from 'vitest';
import { housekeeping } from '../housekeeping';
import { testCoordinator, type Json, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
// Monday to Friday, 09:00-17:00 in Lisbon (UTC+0 in winter).
const HOURS = { timezone: 'Europe/Lisbon', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])), overrides: [] };

async function shop(sla: Json, at: string) {
  t = testCoordinator(Date.parse(at));
  const owner = await t.setup();
  expect((await t.call('PUT', '/workspace/hours', { token: owner.token, body: HOURS })).status).toBe(200);
  expect((await t.call('PUT', '/workspace/sla', { token: owner.token, body: sla })).status).toBe(200);
  const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { jid: '351912345678@c.us', title: 'Inês' } })).body;
  let n = 0;
  const message = (direction: 'in' | 'out', extra: Json = {}) =>
    t.call('POST', '/messages', {
      token: owner.token,
      body: { messages: [{ conversationId: chat.id, waMessageId: `m${++n}`, direction, at: iso(t.now()), ...extra }] },
    });
  const view = async () => (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
  const breaches = async () =>
    ((await t.call('GET', `/events?conversationId=${chat.id}`, { token: owner.token })).body as { type: string; data: Json }[]).filter((e) => e.type === 'sla.breached');
  return { owner, chat, message, view, breaches };
}

describe('SLA deadlines', () => {
  it('a Friday 16:30 message with a one-hour target in business hours is due Monday 09:30', async () => {
    const { message, view } = await shop({ policies: [{ firstResponseMinutes: 60, resolutionMinutes: 8 * 60, businessHours: true }] }, '2026-03-06T16:30:00Z');
    await message('in');
    expect((await view()).sla).toEqual({
      startedAt: '2026-03-06T16:30:00.000Z',
      firstResponseDueAt: '2026-03-09T09:30:00.000Z',
      nextResponseDueAt: null,
      resolutionDueAt: '2026-03-09T16:30:00.000Z',
      breached: [],
    });
  });

  it('on the wall clock when the policy says so; a tag policy wins over the default', async () => {
    const { owner, chat, message, view } = await shop(
      {
        policies: [
          { firstResponseMinutes: 60, businessHours: false },
          { tag: 'vip', firstResponseMinutes: 10, businessHours: false },
        ],
      },
      '2026-03-06T16:30:00Z',
    );
    await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' } });
    await t.call('PUT', `/conversations/${chat.id}/tags`, { token: owner.token, body: { tags: ['vip'] } });
    await message('in');
    expect((await view()).sla.firstResponseDueAt).toBe('2026-03-06T16:40:00.000Z');
  });

  it('a human reply stops the clock; an automatic message does not; the next message starts the next-response clock', async () => {
    const { message, view } = await shop({ policies: [{ firstResponseMinutes: 30, nextResponseMinutes: 15, businessHours: false }] }, '2026-03-04T10:00:00Z');
    await message('in');
    t.advance(MINUTE);
    await message('out', { automatic: 'greeting' });
    expect(await view()).toMatchObject({ waitingSince: '2026-03-04T10:00:00.000Z', sla: { firstResponseDueAt: '2026-03-04T10:30:00.000Z' } });
    t.advance(4 * MINUTE);
    await message('out');
    expect(await view()).toMatchObject({ waitingSince: null, sla: { firstResponseDueAt: null, nextResponseDueAt: null } });
    t.advance(10 * MINUTE);
    await message('in');
    expect((await view()).sla).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: '2026-03-04T10:30:00.000Z' });
  });

  it('records a breach once per clock, and once per unanswered message for the next response', async () => {
    const { message, view, breaches } = await shop({ policies: [{ firstResponseMinutes: 5, nextResponseMinutes: 5, businessHours: false }] }, '2026-03-04T10:00:00Z');
    await message('in');
    t.advance(4 * MINUTE);
    housekeeping(t.deps);
    expect(await breaches()).toHaveLength(0);
    t.advance(MINUTE);
    housekeeping(t.deps);
    housekeeping(t.deps);
    expect((await breaches()).map((e) => e.data.kind)).toEqual(['first_response']);
    expect((await view()).sla.breached).toEqual(['first_response']);

    await message('out');
    t.advance(MINUTE);
    await message('in');
    t.advance(10 * MINUTE);
    housekeeping(t.deps);
    await message('out');
    t.advance(MINUTE);
    await message('in');
    t.advance(10 * MINUTE);
    housekeeping(t.deps);
    housekeeping(t.deps);
    expect((await breaches()).map((e) => e.data.kind)).toEqual(['first_response', 'next_response', 'next_response']);
  });

  it('changing the hours or the policy later never moves a running clock', async () => {
    const { owner, message, view } = await shop({ policies: [{ firstResponseMinutes: 60, businessHours: true }] }, '2026-03-06T16:30:00Z');
    await message('in');
    t.advance(MINUTE);
    await t.call('PUT', '/workspace/hours', { token: owner.token, body: { ...HOURS, weekly: { ...HOURS.weekly, sat: [{ from: '09:00', to: '17:00' }] } } });
    await t.call('PUT', '/workspace/sla', { token: owner.token, body: { policies: [{ firstResponseMinutes: 5, businessHours: false }] } });
    expect((await view()).sla.firstResponseDueAt).toBe('2026-03-09T09:30:00.000Z');
    // The schedule in force then is kept beside the new one.
    expect(t.sqlite.prepare('select count(*) n from workspace_hours').get()).toEqual({ n: 2 });
  });

  it('refuses two policies for one tag', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const res = await t.call('PUT', '/workspace/sla', { token: owner.token, body: { policies: [{ firstResponseMinutes: 5 }, { firstResponseMinutes: 9 }] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Two default policies');
  });

  it('starts with the 15-minute first reply Baton always marked as late', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    expect((await t.call('GET', '/workspace/sla', { token: owner.token })).body).toEqual({ policies: [{ firstResponseMinutes: 15, businessHours: false }] });
  });
});
