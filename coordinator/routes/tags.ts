import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { TagBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { conversations, tags } from '../db/schema';
import { mutate } from '../events';
import { conflict, notFound } from '../lib/errors';
import { newId } from '../lib/crypto';
import { conversationView, tagView } from '../lib/views';
import { jsonBody } from '../lib/validate';

/** The workspace's tags: every agent reads and applies them; the owner defines them. */
export const tagRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/tags', requireAuth(deps))
    .use('/tags/*', requireAuth(deps))
    .get('/tags', (c) => {
      const rows = deps.db.select().from(tags).where(eq(tags.workspaceId, c.get('auth').workspaceId)).orderBy(asc(tags.name)).all();
      return c.json(rows.map(tagView));
    })
    .post('/tags', requireOwner, jsonBody(TagBody), (c) => {
      const auth = c.get('auth');
      const body = c.req.valid('json');
      const row = mutate(deps, auth, (tx, emit) => {
        if (tx.select().from(tags).where(and(eq(tags.workspaceId, auth.workspaceId), eq(tags.name, body.name))).get()) {
          throw conflict('tag_exists', `The tag "${body.name}" exists already`);
        }
        const created = tx.insert(tags).values({ id: newId(), workspaceId: auth.workspaceId, ...body }).returning().get();
        emit({ type: 'tag.created', data: { tag: tagView(created) } });
        return created;
      });
      return c.json(tagView(row), 201);
    })
    // Deleting a tag takes it off every conversation that had it.
    .delete('/tags/:id', requireOwner, (c) => {
      const auth = c.get('auth');
      mutate(deps, auth, (tx, emit) => {
        const gone = tx
          .delete(tags)
          .where(and(eq(tags.id, c.req.param('id')), eq(tags.workspaceId, auth.workspaceId)))
          .returning()
          .get();
        if (!gone) throw notFound('Tag');
        const tagged = tx
          .select()
          .from(conversations)
          .where(and(eq(conversations.workspaceId, auth.workspaceId), sql`EXISTS (SELECT 1 FROM json_each(${conversations.tags}) WHERE value = ${gone.name})`))
          .all();
        for (const conversation of tagged) {
          const after = tx
            .update(conversations)
            .set({ tags: conversation.tags.filter((t) => t !== gone.name), updatedAt: deps.now() })
            .where(eq(conversations.id, conversation.id))
            .returning()
            .get();
          emit({ type: 'conversation.tags_changed', conversationId: after.id, data: { conversation: conversationView(after), from: conversation.tags } });
        }
        emit({ type: 'tag.deleted', data: { id: gone.id, name: gone.name } });
      });
      return c.body(null, 204);
    });
