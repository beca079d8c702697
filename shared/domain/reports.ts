// Per-agent reports (issue #9), from episodes (episodes.ts). Every time is credited to the person
// who did the thing: a first response to whoever sent it, a resolution to the resolver, the
// assignment-to-reply time to the assignee. Times are in seconds, on the wall clock or counting
// only business hours (with the schedule in force when the measured stretch began).
import type { BusinessHours } from './hours';
import { businessTimeBetween } from './hours';
import type { Episode } from './episodes';
import { buckets, summarize, type BucketKey, type Summary } from './stats';

export type HoursMode = 'wall' | 'business';

/** The time metrics a report gives for each agent. */
export const TIME_METRICS = ['firstResponse', 'assignmentToReply', 'reply', 'resolution'] as const;
export type TimeMetric = (typeof TIME_METRICS)[number];

export interface TimeFigure extends Summary {
  buckets: Record<BucketKey, number>;
}

export interface AgentReport {
  agentId: string;
  firstResponse: TimeFigure;
  assignmentToReply: TimeFigure;
  reply: TimeFigure;
  resolution: TimeFigure;
  /** Distinct conversations this agent replied in or resolved. */
  conversationsHandled: number;
  /** Business-opened episodes this agent opened (reported apart, never as a zero first response). */
  businessOpened: number;
  messagesSent: number;
  transfersIn: number;
  transfersOut: number;
  resolutions: number;
  /** Distinct conversations among those resolutions. */
  conversationsResolved: number;
  /** Of this agent's resolutions, those followed by a customer message within the reopen window. */
  reopened: number;
  reopenRate: number | null;
  /** SLA targets met: first responses without a first-response breach; resolutions without a resolution breach. */
  sla: { firstResponse: { met: number; of: number }; resolution: { met: number; of: number } };
  /** Ratings of this agent's resolved episodes: how many, how many 4 or 5, and of how many asked. */
  satisfaction: { ratings: number; satisfied: number; asked: number; satisfiedShare: number | null; responseRate: number | null };
  /** Resolutions whose episode carried one of the owner's outcome tags (a sale). */
  outcomes: number;
}

export interface ReportOptions {
  hours: HoursMode;
  /** The schedule in force at an instant (business mode). */
  hoursAt?: (at: number) => BusinessHours;
  /** Tags the owner counts as a conversion. */
  outcomeTags?: readonly string[];
}

/** Seconds from `from` to `to`: on the wall clock, or the business time within them. */
export function elapsed(from: number, to: number, options: Pick<ReportOptions, 'hours' | 'hoursAt'>): number {
  if (to <= from) return 0;
  if (options.hours === 'wall' || !options.hoursAt) return (to - from) / 1000;
  return businessTimeBetween(options.hoursAt(from), from, to) / 1000;
}

/** One credited time: who, and how many seconds. */
export interface Credited {
  agentId: string;
  seconds: number;
}

/** An episode's times, each credited to whoever did the thing (nobody's are left out). */
export function episodeTimes(episode: Episode, options: Pick<ReportOptions, 'hours' | 'hoursAt'>): Record<TimeMetric, Credited[]> {
  const out: Record<TimeMetric, Credited[]> = { firstResponse: [], assignmentToReply: [], reply: [], resolution: [] };
  const first = episode.firstResponse;
  if (first?.agentId) out.firstResponse.push({ agentId: first.agentId, seconds: elapsed(episode.startedAt, first.at, options) });
  for (const r of episode.assignmentReplies) out.assignmentToReply.push({ agentId: r.agentId, seconds: elapsed(r.from, r.at, options) });
  for (const reply of episode.replies) {
    if (reply.agentId && reply.waitedFrom !== null) out.reply.push({ agentId: reply.agentId, seconds: elapsed(reply.waitedFrom, reply.at, options) });
  }
  if (episode.resolvedAt !== null && episode.resolvedBy) out.resolution.push({ agentId: episode.resolvedBy, seconds: elapsed(episode.startedAt, episode.resolvedAt, options) });
  return out;
}

const figure = (values: number[]): TimeFigure => ({ ...summarize(values), buckets: buckets(values) });
const share = (part: number, whole: number) => (whole ? part / whole : null);

/** Every agent's figures over the given episodes (those whose start falls in the range: the caller picks them). */
export function agentReports(episodes: readonly Episode[], options: ReportOptions): AgentReport[] {
  const times = new Map<string, Record<TimeMetric, number[]>>();
  type Counts = Omit<AgentReport, 'agentId' | TimeMetric | 'reopenRate' | 'conversationsResolved' | 'conversationsHandled'> & { resolvedIds: Set<string>; handledIds: Set<string> };
  const counts = new Map<string, Counts>();
  const timesOf = (id: string) => {
    let t = times.get(id);
    if (!t) times.set(id, (t = { firstResponse: [], assignmentToReply: [], reply: [], resolution: [] }));
    return t;
  };
  const of = (id: string) => {
    let c = counts.get(id);
    if (!c) {
      counts.set(
        id,
        (c = {
          businessOpened: 0,
          messagesSent: 0,
          transfersIn: 0,
          transfersOut: 0,
          resolutions: 0,
          reopened: 0,
          sla: { firstResponse: { met: 0, of: 0 }, resolution: { met: 0, of: 0 } },
          satisfaction: { ratings: 0, satisfied: 0, asked: 0, satisfiedShare: null, responseRate: null },
          outcomes: 0,
          resolvedIds: new Set(),
          handledIds: new Set(),
        }),
      );
      timesOf(id);
    }
    return c;
  };
  const outcomeTags = new Set(options.outcomeTags ?? []);

  for (const episode of episodes) {
    const handled = new Set<string>();
    const credited = episodeTimes(episode, options);
    for (const metric of TIME_METRICS) {
      for (const { agentId, seconds } of credited[metric]) {
        of(agentId);
        timesOf(agentId)[metric].push(seconds);
      }
    }
    if (episode.openedBy === 'business') {
      const opener = episode.replies[0]?.agentId;
      if (opener) of(opener).businessOpened++;
    }
    if (episode.firstResponse?.agentId) {
      const c = of(episode.firstResponse.agentId);
      c.sla.firstResponse.of++;
      if (!episode.breaches.includes('first_response')) c.sla.firstResponse.met++;
    }
    for (const reply of episode.replies) {
      if (!reply.agentId) continue;
      of(reply.agentId).messagesSent++;
      handled.add(reply.agentId);
    }
    for (const t of episode.transfers) {
      if (t.from) of(t.from).transfersOut++;
      if (t.to) of(t.to).transfersIn++;
    }
    if (episode.resolvedAt !== null && episode.resolvedBy) {
      const id = episode.resolvedBy;
      const c = of(id);
      handled.add(id);
      c.resolutions++;
      c.resolvedIds.add(episode.conversationId);
      if (episode.reopened) c.reopened++;
      c.sla.resolution.of++;
      if (!episode.breaches.includes('resolution')) c.sla.resolution.met++;
      if (episode.tags.some((tag) => outcomeTags.has(tag))) c.outcomes++;
      if (episode.surveyed) c.satisfaction.asked++;
    }
    if (episode.satisfaction?.agentId) {
      const c = of(episode.satisfaction.agentId);
      c.satisfaction.ratings++;
      if (episode.satisfaction.rating >= 4) c.satisfaction.satisfied++;
    }
    for (const id of handled) of(id).handledIds.add(episode.conversationId);
  }

  return [...counts.entries()]
    .map(([agentId, { resolvedIds, handledIds, ...c }]) => {
      const t = times.get(agentId)!;
      return {
        agentId,
        firstResponse: figure(t.firstResponse),
        assignmentToReply: figure(t.assignmentToReply),
        reply: figure(t.reply),
        resolution: figure(t.resolution),
        ...c,
        conversationsHandled: handledIds.size,
        conversationsResolved: resolvedIds.size,
        reopenRate: share(c.reopened, c.resolutions),
        satisfaction: {
          ...c.satisfaction,
          satisfiedShare: share(c.satisfaction.satisfied, c.satisfaction.ratings),
          responseRate: share(c.satisfaction.ratings, c.satisfaction.asked),
        },
      };
    })
    .sort((a, b) => a.agentId.localeCompare(b.agentId));
}

/**
 * When customers write: messages per weekday (Monday first) and hour, in the workspace's time
 * zone, as a 7 x 24 grid.
 */
export function heatmap(episodes: readonly Episode[], timezone: string): number[][] {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  for (const episode of episodes) {
    for (const at of episode.customerMessages) {
      const parts = format.formatToParts(at);
      const day = days.indexOf(parts.find((p) => p.type === 'weekday')!.value);
      const hour = Number(parts.find((p) => p.type === 'hour')!.value);
      grid[day]![hour]!++;
    }
  }
  return grid;
}
