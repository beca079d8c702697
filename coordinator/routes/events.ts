import { and, asc, eq, gt } from 'drizzle-orm';
import { Hono } from 'hono';
import { EventsQuery } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth } from '../auth';
import { events } from '../db/schema';
import { eventView } from '../lib/views';
import { queryParams } from '../lib/validate';

/** The event log, oldest first, paged by sequence number; a conversation's timeline with `conversationId`. */
export const eventRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/events', requireAuth(deps), queryParams(EventsQuery), (c) => {
    const { workspaceId } = c.get('auth');
    const { after, limit, conversationId } = c.req.valid('query');
    const filters = [eq(events.workspaceId, workspaceId), gt(events.seq, after)];
    if (conversationId) filters.push(eq(events.conversationId, conversationId));
    const rows = deps.db.select().from(events).where(and(...filters)).orderBy(asc(events.seq)).limit(limit).all();
    return c.json(rows.map(eventView));
  });
