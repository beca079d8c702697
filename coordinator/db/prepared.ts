// Statements on the hot paths (every authenticated request, every claim, every event appended),
// prepared once per database. Building a drizzle query and compiling its SQL took most of a
// claim's server time (bench/, CPU profile); a prepared statement pays both once.
// Everything else builds its queries in place, where they read best.
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './open';
import { agents, conversations, events, idempotencyKeys, sessions } from './schema';

const p = sql.placeholder;

function prepare(db: Db) {
  return {
    session: db
      .select({
        sessionId: sessions.id,
        agentId: sessions.agentId,
        workspaceId: sessions.workspaceId,
        deviceId: sessions.deviceId,
        role: agents.role,
      })
      .from(sessions)
      .innerJoin(agents, eq(agents.id, sessions.agentId))
      .where(and(eq(sessions.tokenHash, p('tokenHash')), gt(sessions.expiresAt, p('now')), isNull(agents.removedAt)))
      .prepare(),
    conversation: db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, p('id')), eq(conversations.workspaceId, p('workspaceId'))))
      .prepare(),
    // The compare-and-set of a claim: matches only while the conversation is free or already mine.
    claim: db
      .update(conversations)
      .set({ assigneeId: sql`${p('agentId')}`, updatedAt: sql`${p('now')}` })
      .where(
        and(
          eq(conversations.id, p('id')),
          eq(conversations.workspaceId, p('workspaceId')),
          or(isNull(conversations.assigneeId), eq(conversations.assigneeId, p('agentId'))),
        ),
      )
      .returning()
      .prepare(),
    appendEvent: db
      .insert(events)
      .values({
        workspaceId: p('workspaceId'),
        type: p('type'),
        at: p('at'),
        actorId: p('actorId'),
        deviceId: p('deviceId'),
        conversationId: p('conversationId'),
        data: p('data'),
      })
      .returning()
      .prepare(),
    idempotencyKey: db.select().from(idempotencyKeys).where(eq(idempotencyKeys.scope, p('scope'))).prepare(),
    saveIdempotencyKey: db
      .insert(idempotencyKeys)
      .values({ scope: p('scope'), requestHash: p('requestHash'), status: p('status'), body: p('body'), createdAt: p('createdAt') })
      .onConflictDoNothing()
      .prepare(),
  };
}

export type Prepared = ReturnType<typeof prepare>;

const cache = new WeakMap<Db, Prepared>();

/** The prepared statements of `db` (statements run inside a transaction on it too: one connection). */
export function prepared(db: Db): Prepared {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = prepare(db)));
  return statements;
}
