// Per-agent reports (issue #9): GET /api/v1/reports/agents. The figures follow the definitions
// in shared/domain/episodes.ts and reports.ts, over the episodes that start in the range. This
// first version reads the workspace's event log per request (coordinator/reports/facts.ts); the
// facts maintained as events arrive, which a year's report needs, are still to come.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { ReportQuery } from '../../shared/api';
import { DEFAULT_REOPEN_WINDOW_MS, episodesOf } from '../../shared/domain/episodes';
import { dayStart } from '../../shared/domain/hours';
import { agentReports } from '../../shared/domain/reports';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { events } from '../db/schema';
import { ApiError } from '../lib/errors';
import { queryParams } from '../lib/validate';
import { factsOf } from '../reports/facts';
import { hoursAt } from '../settings';

const DAY_MS = 24 * 60 * 60_000;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export const reportRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/reports/agents', requireAuth(deps), requireOwner, queryParams(ReportQuery), (c) => {
    const { workspaceId } = c.get('auth');
    const query = c.req.valid('query');
    const zone = hoursAt(deps.db, workspaceId, deps.now()).timezone;
    const from = isDate(query.from) ? dayStart(zone, query.from) : Date.parse(query.from);
    // A date as `to` takes the whole day: up to the next one's start.
    const to = isDate(query.to) ? dayStart(zone, new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)) : Date.parse(query.to);
    if (to <= from) throw new ApiError(400, 'invalid_request', 'to: the range must end after it starts');
    const rows = deps.db
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
    const episodes = [...byConversation.entries()]
      .flatMap(([id, list]) => episodesOf(id, factsOf(list), { reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS }))
      .filter((e) => e.startedAt >= from && e.startedAt < to);
    const agents = agentReports(episodes, { hours: query.hours, hoursAt: (at) => hoursAt(deps.db, workspaceId, at) });
    return c.json({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), hours: query.hours, episodes: episodes.length, agents });
  });
