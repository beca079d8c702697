// The episodes a report covers, and how each is shown (drill-down, CSV). Read from the workspace's
// event log per request for now (see routes/reports.ts).
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { EpisodeView } from '../../shared/api';
import { DEFAULT_REOPEN_WINDOW_MS, episodesOf, type Episode } from '../../shared/domain/episodes';
import { dayStart } from '../../shared/domain/hours';
import { episodeTimes, type HoursMode } from '../../shared/domain/reports';
import type { Db } from '../db/open';
import { conversations, events } from '../db/schema';
import { ApiError } from '../lib/errors';
import { hoursAt } from '../settings';
import { factsOf } from './facts';

const DAY_MS = 24 * 60 * 60_000;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** [from, to) in ms: a date is a whole day in the workspace's time zone (`to` included), else a date-time. */
export function rangeOf(db: Db, workspaceId: string, query: { from: string; to: string }, now: number): { from: number; to: number } {
  const zone = hoursAt(db, workspaceId, now).timezone;
  const from = isDate(query.from) ? dayStart(zone, query.from) : Date.parse(query.from);
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const to = isDate(query.to) ? dayStart(zone, dayAfter(query.to)) : Date.parse(query.to);
  if (to <= from) throw new ApiError(400, 'invalid_request', 'to: the range must end after it starts');
  return { from, to };
}

/** The workspace's episodes that start in [from, to), oldest first. */
export function episodesIn(db: Db, workspaceId: string, range: { from: number; to: number }): Episode[] {
  const rows = db
    .select()
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), isNotNull(events.conversationId)))
    .orderBy(asc(events.seq))
    .all();
  const byConversation = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byConversation.get(row.conversationId!);
    if (list) list.push(row);
    else byConversation.set(row.conversationId!, [row]);
  }
  return [...byConversation.entries()]
    .flatMap(([id, list]) => episodesOf(id, factsOf(list), { reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS }))
    .filter((e) => e.startedAt >= range.from && e.startedAt < range.to)
    .sort((a, b) => a.startedAt - b.startedAt || a.conversationId.localeCompare(b.conversationId));
}

/** The titles of the conversations, for showing episodes. */
export function titlesOf(db: Db, workspaceId: string): Map<string, string> {
  return new Map(
    db
      .select({ id: conversations.id, title: conversations.title })
      .from(conversations)
      .where(eq(conversations.workspaceId, workspaceId))
      .all()
      .map((c) => [c.id, c.title]),
  );
}

/** One episode as the drill-down and the CSV show it. */
export function episodeView(episode: Episode, title: string, hours: HoursMode, hoursAtFn: (at: number) => ReturnType<typeof hoursAt>): EpisodeView {
  const times = episodeTimes(episode, { hours, hoursAt: hoursAtFn });
  const agents = new Set<string>();
  for (const list of Object.values(times)) for (const t of list) agents.add(t.agentId);
  for (const reply of episode.replies) if (reply.agentId) agents.add(reply.agentId);
  if (episode.assignee) agents.add(episode.assignee);
  return {
    conversationId: episode.conversationId,
    title,
    startedAt: new Date(episode.startedAt).toISOString(),
    openedBy: episode.openedBy,
    resolvedAt: episode.resolvedAt === null ? null : new Date(episode.resolvedAt).toISOString(),
    resolvedBy: episode.resolvedBy,
    agents: [...agents].sort(),
    times,
    reopened: episode.reopened,
    satisfaction: episode.satisfaction?.rating ?? null,
    breaches: episode.breaches,
    tags: episode.tags,
  };
}
