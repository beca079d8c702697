// Reports (issue #9): per-agent figures, the episodes behind any of them, and one CSV row per
// episode. The figures follow the definitions in shared/domain/episodes.ts and reports.ts, over
// the episodes that start in the range. This first version reads the workspace's event log per
// request (coordinator/reports/); the facts maintained as events arrive, which a year's report
// needs, are still to come.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { EpisodesQuery, ReportQuery } from '../../shared/api';
import { agentReports } from '../../shared/domain/reports';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { queryParams } from '../lib/validate';
import { episodesIn, episodeView, rangeOf, titlesOf } from '../reports/episodes';
import { hoursAt } from '../settings';

const CSV_COLUMNS = [
  'conversation_id',
  'title',
  'started_at',
  'opened_by',
  'resolved_at',
  'resolved_by',
  'agents',
  'first_response_s',
  'first_responder',
  'assignment_to_reply_s',
  'reply_s',
  'resolution_s',
  'reopened',
  'satisfaction',
  'sla_breaches',
  'tags',
];

/** A CSV field: quoted when it holds a comma, a quote or a line break; formulas defused for spreadsheets. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const reportRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/reports/*', requireAuth(deps), requireOwner)
    .get('/reports/agents', queryParams(ReportQuery), (c) => {
      const { workspaceId } = c.get('auth');
      const query = c.req.valid('query');
      const range = rangeOf(deps.db, workspaceId, query, deps.now());
      const episodes = episodesIn(deps.db, workspaceId, range);
      const agents = agentReports(episodes, { hours: query.hours, hoursAt: (at) => hoursAt(deps.db, workspaceId, at) });
      return c.json({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), hours: query.hours, episodes: episodes.length, agents });
    })
    .get('/reports/episodes', queryParams(EpisodesQuery), (c) => {
      const { workspaceId } = c.get('auth');
      const query = c.req.valid('query');
      const titles = titlesOf(deps.db, workspaceId);
      const views = episodesIn(deps.db, workspaceId, rangeOf(deps.db, workspaceId, query, deps.now()))
        .map((e) => episodeView(e, titles.get(e.conversationId) ?? '', query.hours, (at) => hoursAt(deps.db, workspaceId, at)))
        .filter((view) => {
          if (query.metric) {
            return view.times[query.metric]!.some((t) => (!query.agent || t.agentId === query.agent) && (query.min === undefined || t.seconds >= query.min));
          }
          return !query.agent || view.agents.includes(query.agent);
        });
      return c.json({ total: views.length, offset: query.offset, episodes: views.slice(query.offset, query.offset + query.limit) });
    })
    .get('/reports/episodes.csv', queryParams(ReportQuery), (c) => {
      const { workspaceId } = c.get('auth');
      const query = c.req.valid('query');
      const range = rangeOf(deps.db, workspaceId, query, deps.now());
      const episodes = episodesIn(deps.db, workspaceId, range);
      const titles = titlesOf(deps.db, workspaceId);
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="baton-episodes-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`);
      // Written in chunks as it goes, so a long range never sits whole in memory as text.
      return stream(c, async (out) => {
        await out.write(`${CSV_COLUMNS.join(',')}\r\n`);
        let chunk = '';
        for (const episode of episodes) {
          const v = episodeView(episode, titles.get(episode.conversationId) ?? '', query.hours, (at) => hoursAt(deps.db, workspaceId, at));
          const first = v.times.firstResponse![0];
          const join = (list: { seconds: number }[]) => list.map((t) => t.seconds).join(';');
          chunk += `${[
            v.conversationId,
            v.title,
            v.startedAt,
            v.openedBy,
            v.resolvedAt,
            v.resolvedBy,
            v.agents.join(';'),
            first?.seconds,
            first?.agentId,
            join(v.times.assignmentToReply!),
            join(v.times.reply!),
            v.times.resolution![0]?.seconds,
            v.reopened,
            v.satisfaction,
            v.breaches.join(';'),
            v.tags.join(';'),
          ]
            .map(field)
            .join(',')}\r\n`;
          if (chunk.length > 64 * 1024) {
            await out.write(chunk);
            chunk = '';
          }
        }
        if (chunk) await out.write(chunk);
      });
    });
