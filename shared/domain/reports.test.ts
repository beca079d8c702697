// A scripted week of a two-agent shop (issue #9), every figure worked out by hand below, in
// wall-clock and in business hours (Monday to Friday, 09:00-17:00, Lisbon: UTC+0 in March 2026).
import { describe, expect, it } from 'vitest';
import { episodesOf, type Fact } from './episodes';
import type { BusinessHours } from './hours';
import { agentReports, heatmap, type AgentReport } from './reports';
import { buckets, summarize } from './stats';

const HOURS: BusinessHours = {
  timezone: 'Europe/Lisbon',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])),
  overrides: [],
};
/** 2026-03-02 is a Monday; `day` 0 is that Monday, 4 the Friday, 7 the next Monday. */
const at = (day: number, hhmm: string) => Date.parse(`2026-03-${String(2 + day).padStart(2, '0')}T${hhmm}:00Z`);

// A: Monday, answered and resolved by Ana, rated 5; the customer writes again on Tuesday (a
// reopen, so a second episode), Ana answers, transfers to Bea, who resolves it.
const A: Fact[] = [
  { kind: 'customer', at: at(0, '10:00') },
  { kind: 'automatic', at: at(0, '10:00'), automatic: 'greeting' },
  { kind: 'assigned', at: at(0, '10:02'), agentId: 'ana', from: null, how: 'auto' },
  { kind: 'reply', at: at(0, '10:05'), agentId: 'ana' }, // first response 5 min; assignment to reply 3 min; reply 5 min
  { kind: 'customer', at: at(0, '10:10') },
  { kind: 'customer', at: at(0, '10:11') },
  { kind: 'reply', at: at(0, '10:20'), agentId: 'ana' }, // reply 10 min (from the oldest unanswered, 10:10)
  { kind: 'reply', at: at(0, '10:21'), agentId: 'ana' }, // answers nothing new: no reply time
  { kind: 'resolved', at: at(0, '10:30'), agentId: 'ana' }, // resolution 30 min
  { kind: 'automatic', at: at(0, '10:35'), automatic: 'satisfaction' },
  { kind: 'rated', at: at(0, '10:40'), rating: 5, agentId: 'ana' },
  { kind: 'customer', at: at(1, '09:00') }, // reopened within 2 days: episode 2, still Ana's
  { kind: 'reply', at: at(1, '09:30'), agentId: 'ana' }, // first response 30 min; assignment to reply 30 min (from the episode's start)
  { kind: 'assigned', at: at(1, '09:40'), agentId: 'bea', from: 'ana', how: 'transfer' },
  { kind: 'reply', at: at(1, '09:50'), agentId: 'bea' }, // Bea's assignment to reply 10 min; answers nothing new
  { kind: 'resolved', at: at(1, '10:00'), agentId: 'bea' }, // resolution 1 h
];

// B: Friday 16:30, half an hour before closing; Bea claims it Monday 09:20 and answers at 09:30
// (65 h on the wall clock, 1 h of business time), the first-response target was missed; she
// resolves it at 10:30 (66 h, 2 h of business time).
const B: Fact[] = [
  { kind: 'customer', at: at(4, '16:30') },
  { kind: 'automatic', at: at(4, '16:30'), automatic: 'away' },
  { kind: 'breached', at: at(4, '16:45'), sla: 'first_response' },
  { kind: 'assigned', at: at(7, '09:20'), agentId: 'bea', from: null, how: 'claim' },
  { kind: 'reply', at: at(7, '09:30'), agentId: 'bea' },
  { kind: 'resolved', at: at(7, '10:30'), agentId: 'bea' },
];

// C: Wednesday, Ana claims it and writes first (the business opened it): no first response, and
// her opener is no assignment-to-reply time either; the customer answers at 11:20, Ana at 11:25
// (a reply time of 5 min); tagged a sale, resolved at 12:00 (1 h from Ana's first message).
const C: Fact[] = [
  { kind: 'assigned', at: at(2, '10:59'), agentId: 'ana', from: null, how: 'claim' },
  { kind: 'reply', at: at(2, '11:00'), agentId: 'ana' },
  { kind: 'customer', at: at(2, '11:20') },
  { kind: 'reply', at: at(2, '11:25'), agentId: 'ana' },
  { kind: 'tags', at: at(2, '11:50'), tags: ['sale'] },
  { kind: 'resolved', at: at(2, '12:00'), agentId: 'ana' },
];

// D: Thursday, answered from the phone (nobody credited), still open.
const D: Fact[] = [
  { kind: 'customer', at: at(3, '10:00') },
  { kind: 'reply', at: at(3, '10:04'), agentId: null },
];

const episodes = [...episodesOf('A', A), ...episodesOf('B', B), ...episodesOf('C', C), ...episodesOf('D', D)];
const report = (hours: 'wall' | 'business') => {
  const byAgent = new Map(agentReports(episodes, { hours, hoursAt: () => HOURS, outcomeTags: ['sale'] }).map((r) => [r.agentId, r]));
  return { ana: byAgent.get('ana')!, bea: byAgent.get('bea')!, agents: [...byAgent.keys()] };
};
const time = (f: AgentReport['firstResponse']) => [f.median, f.p90, f.mean, f.count];
const H = 3600;

describe('episodes', () => {
  it('cut at resolutions; a reopen is a new episode; the business-opened one is apart', () => {
    expect(episodes.map((e) => [e.conversationId, e.openedBy, e.startedAt, e.resolvedAt, e.resolvedBy, e.reopened])).toEqual([
      ['A', 'customer', at(0, '10:00'), at(0, '10:30'), 'ana', true],
      ['A', 'customer', at(1, '09:00'), at(1, '10:00'), 'bea', false],
      ['B', 'customer', at(4, '16:30'), at(7, '10:30'), 'bea', false],
      ['C', 'business', at(2, '11:00'), at(2, '12:00'), 'ana', false],
      ['D', 'customer', at(3, '10:00'), null, null, false],
    ]);
    // Automatic messages are nobody's response; the rating goes to the episode it followed.
    expect(episodes[0]!.firstResponse).toEqual({ at: at(0, '10:05'), agentId: 'ana' });
    expect(episodes[0]).toMatchObject({ surveyed: true, satisfaction: { rating: 5, agentId: 'ana' } });
    expect(episodes[1]!.transfers).toEqual([{ from: 'ana', to: 'bea', at: at(1, '09:40') }]);
    expect(episodes[3]!.firstResponse).toBeNull();
    expect(episodes[3]!.tags).toEqual(['sale']);
  });

  it('a customer writing after the reopen window is a new episode, not a reopen', () => {
    const late = episodesOf('E', [
      { kind: 'customer', at: at(0, '10:00') },
      { kind: 'reply', at: at(0, '10:01'), agentId: 'ana' },
      { kind: 'resolved', at: at(0, '10:02'), agentId: 'ana' },
      { kind: 'customer', at: at(2, '10:03') },
    ]);
    expect(late.map((e) => e.reopened)).toEqual([false, false]);
    expect(late).toHaveLength(2);
  });
});

describe('per-agent report, on the wall clock', () => {
  const { ana, bea, agents } = report('wall');

  it('credits each time to whoever did it, and nobody for a reply from the phone', () => {
    expect(agents).toEqual(['ana', 'bea']);
    expect(time(ana.firstResponse)).toEqual([1050, 1800, 1050, 2]); // 5 min, 30 min
    expect(time(bea.firstResponse)).toEqual([65 * H, 65 * H, 65 * H, 1]);
    expect(time(ana.assignmentToReply)).toEqual([990, 1800, 990, 2]); // 3 min, 30 min
    expect(time(bea.assignmentToReply)).toEqual([600, 600, 600, 2]); // 10 min after the transfer, 10 min after the claim
    expect(time(ana.reply)).toEqual([450, 1800, 750, 4]); // 5, 10, 30, 5 min
    expect(time(bea.reply)).toEqual([65 * H, 65 * H, 65 * H, 1]);
    expect(time(ana.resolution)).toEqual([2700, 3600, 2700, 2]); // 30 min, 1 h (from Ana's first message)
    expect(time(bea.resolution)).toEqual([(H + 66 * H) / 2, 66 * H, (H + 66 * H) / 2, 2]);
  });

  it('counts volume, transfers, resolutions, reopens, SLA, satisfaction and sales', () => {
    expect(ana).toMatchObject({
      conversationsHandled: 2,
      businessOpened: 1,
      messagesSent: 6,
      transfersIn: 0,
      transfersOut: 1,
      resolutions: 2,
      conversationsResolved: 2,
      reopened: 1,
      reopenRate: 0.5,
      sla: { firstResponse: { met: 2, of: 2 }, resolution: { met: 2, of: 2 } },
      satisfaction: { ratings: 1, satisfied: 1, asked: 1, satisfiedShare: 1, responseRate: 1 },
      outcomes: 1,
    });
    expect(bea).toMatchObject({
      conversationsHandled: 2,
      businessOpened: 0,
      messagesSent: 2,
      transfersIn: 1,
      transfersOut: 0,
      resolutions: 2,
      conversationsResolved: 2,
      reopened: 0,
      reopenRate: 0,
      sla: { firstResponse: { met: 0, of: 1 }, resolution: { met: 2, of: 2 } },
      satisfaction: { ratings: 0, satisfied: 0, asked: 0, satisfiedShare: null, responseRate: null },
      outcomes: 0,
    });
  });

  it('puts each time in its bucket', () => {
    expect(ana.firstResponse.buckets).toEqual({ under_5m: 0, '5m_15m': 1, '15m_1h': 1, '1h_4h': 0, '4h_24h': 0, over_1d: 0 });
    expect(bea.resolution.buckets).toEqual({ under_5m: 0, '5m_15m': 0, '15m_1h': 0, '1h_4h': 1, '4h_24h': 0, over_1d: 1 });
  });
});

describe('per-agent report, in business hours', () => {
  const { ana, bea } = report('business');

  it('counts only open time: the weekend and the nights are not the team\'s', () => {
    // Inside opening hours nothing changes.
    expect(time(ana.firstResponse)).toEqual([1050, 1800, 1050, 2]);
    expect(time(ana.resolution)).toEqual([2700, 3600, 2700, 2]);
    // Friday 16:30 to 17:00, then Monday 09:00 to 09:30: one hour.
    expect(time(bea.firstResponse)).toEqual([H, H, H, 1]);
    expect(time(bea.reply)).toEqual([H, H, H, 1]);
    // To Monday 10:30: half an hour on Friday and an hour and a half on Monday; and Tuesday's hour.
    expect(time(bea.resolution)).toEqual([1.5 * H, 2 * H, 1.5 * H, 2]);
  });
});

describe('the figures', () => {
  it('median of an even count is the mean of the middle two; p90 is the nearest rank', () => {
    expect(summarize([])).toEqual({ median: null, p90: null, mean: null, count: 0 });
    expect(summarize([7])).toEqual({ median: 7, p90: 7, mean: 7, count: 1 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, p90: 4, mean: 2.5, count: 4 });
    const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    expect(summarize(tens).p90).toBe(90);
    expect(summarize([...tens, 110]).p90).toBe(100);
  });

  it('buckets: under 5 min, 5-15, 15-60, 1-4 h, 4-24 h, over a day, each from its lower bound', () => {
    expect(buckets([0, 299, 300, 899, 900, 3599, 3600, 14_399, 14_400, 86_399, 86_400])).toEqual({
      under_5m: 2,
      '5m_15m': 2,
      '15m_1h': 2,
      '1h_4h': 2,
      '4h_24h': 2,
      over_1d: 1,
    });
  });

  it('the heatmap counts customer messages by weekday and hour, in the workspace\'s time zone', () => {
    const grid = heatmap(episodes, 'Europe/Lisbon');
    expect(grid[0]![10]).toBe(3); // Monday 10:00, 10:10 and 10:11 (A)
    expect(grid[1]![9]).toBe(1);
    expect(grid[4]![16]).toBe(1);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(7);
    // Madrid is an hour ahead of Lisbon.
    expect(heatmap(episodes, 'Europe/Madrid')[0]![11]).toBe(3);
  });
});
