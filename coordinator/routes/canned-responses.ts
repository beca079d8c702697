import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { CannedResponseBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { cannedResponses } from '../db/schema';
import { mutate } from '../events';
import { conflict, notFound } from '../lib/errors';
import { newId } from '../lib/crypto';
import { cannedResponseView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import type { Store } from '../db/open';

function shortcutTaken(tx: Store, workspaceId: string, shortcut: string, except?: string): boolean {
  const row = tx
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.shortcut, shortcut)))
    .get();
  return !!row && row.id !== except;
}

/** Canned responses: every agent reads them; the owner writes them. */
export const cannedResponseRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/canned-responses', requireAuth(deps))
    .use('/canned-responses/*', requireAuth(deps))
    .get('/canned-responses', (c) => {
      const rows = deps.db
        .select()
        .from(cannedResponses)
        .where(eq(cannedResponses.workspaceId, c.get('auth').workspaceId))
        .orderBy(asc(cannedResponses.shortcut))
        .all();
      return c.json(rows.map(cannedResponseView));
    })
    .post('/canned-responses', requireOwner, jsonBody(CannedResponseBody), (c) => {
      const auth = c.get('auth');
      const body = c.req.valid('json');
      const row = mutate(deps, auth, (tx, emit) => {
        if (shortcutTaken(tx, auth.workspaceId, body.shortcut)) throw conflict('shortcut_taken', `/${body.shortcut} exists already`);
        const created = tx
          .insert(cannedResponses)
          .values({ id: newId(), workspaceId: auth.workspaceId, ...body, updatedAt: deps.now() })
          .returning()
          .get();
        emit({ type: 'canned_response.saved', data: { cannedResponse: cannedResponseView(created) } });
        return created;
      });
      return c.json(cannedResponseView(row), 201);
    })
    .put('/canned-responses/:id', requireOwner, jsonBody(CannedResponseBody), (c) => {
      const auth = c.get('auth');
      const body = c.req.valid('json');
      const id = c.req.param('id');
      const row = mutate(deps, auth, (tx, emit) => {
        if (shortcutTaken(tx, auth.workspaceId, body.shortcut, id)) throw conflict('shortcut_taken', `/${body.shortcut} exists already`);
        const updated = tx
          .update(cannedResponses)
          .set({ ...body, updatedAt: deps.now() })
          .where(and(eq(cannedResponses.id, id), eq(cannedResponses.workspaceId, auth.workspaceId)))
          .returning()
          .get();
        if (!updated) throw notFound('Canned response');
        emit({ type: 'canned_response.saved', data: { cannedResponse: cannedResponseView(updated) } });
        return updated;
      });
      return c.json(cannedResponseView(row));
    })
    .delete('/canned-responses/:id', requireOwner, (c) => {
      const auth = c.get('auth');
      mutate(deps, auth, (tx, emit) => {
        const gone = tx
          .delete(cannedResponses)
          .where(and(eq(cannedResponses.id, c.req.param('id')), eq(cannedResponses.workspaceId, auth.workspaceId)))
          .returning()
          .get();
        if (!gone) throw notFound('Canned response');
        emit({ type: 'canned_response.deleted', data: { id: gone.id } });
      });
      return c.body(null, 204);
    });
