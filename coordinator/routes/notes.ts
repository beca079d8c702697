import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { NoteBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth } from '../auth';
import { agents, notes } from '../db/schema';
import { getConversation } from '../conversations';
import { mutate } from '../events';
import { newId } from '../lib/crypto';
import { noteView } from '../lib/views';
import { jsonBody } from '../lib/validate';

/** Agents mentioned as `@Name` or `@First` (case-insensitive), longest names first so "@Ana Paula" beats "@Ana". */
function findMentions(text: string, people: { id: string; name: string }[]): string[] {
  const lower = text.toLocaleLowerCase();
  const found = new Set<string>();
  const candidates = people.flatMap((p) => [
    { id: p.id, handle: p.name },
    { id: p.id, handle: p.name.split(/\s+/)[0] ?? p.name },
  ]);
  candidates.sort((a, b) => b.handle.length - a.handle.length);
  for (const { id, handle } of candidates) {
    const at = `@${handle.toLocaleLowerCase()}`;
    let index = lower.indexOf(at);
    while (index !== -1) {
      const next = lower[index + at.length];
      if (next === undefined || !/[\p{L}\p{N}]/u.test(next)) found.add(id);
      index = lower.indexOf(at, index + 1);
    }
  }
  return [...found];
}

export const noteRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/conversations/:id/notes', requireAuth(deps))
    .get('/conversations/:id/notes', (c) => {
      const auth = c.get('auth');
      const conversation = getConversation(deps.db, auth.workspaceId, c.req.param('id'));
      const rows = deps.db.select().from(notes).where(eq(notes.conversationId, conversation.id)).orderBy(asc(notes.createdAt)).all();
      return c.json(rows.map(noteView));
    })
    // Internal: never sent to the customer. Mentioned agents are named in the event so their
    // devices can tell them.
    .post('/conversations/:id/notes', jsonBody(NoteBody), (c) => {
      const auth = c.get('auth');
      const { text } = c.req.valid('json');
      const note = mutate(deps, auth, (tx, emit) => {
        const conversation = getConversation(deps.db, auth.workspaceId, c.req.param('id'));
        const people = tx
          .select({ id: agents.id, name: agents.name })
          .from(agents)
          .where(and(eq(agents.workspaceId, auth.workspaceId), isNull(agents.removedAt)))
          .all();
        const row = tx
          .insert(notes)
          .values({
            id: newId(),
            workspaceId: auth.workspaceId,
            conversationId: conversation.id,
            authorId: auth.agentId,
            text,
            mentions: findMentions(text, people),
            createdAt: deps.now(),
          })
          .returning()
          .get();
        emit({ type: 'note.created', conversationId: conversation.id, data: { note: noteView(row) } });
        return row;
      });
      return c.json(noteView(note), 201);
    });
