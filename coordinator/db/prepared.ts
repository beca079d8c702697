// Statements on the hot paths (every authenticated request, every claim, every event appended,
// every automatic assignment), prepared once per database. Building a drizzle query and compiling its SQL took most of a
// claim's server time (bench/, CPU profile); a prepared statement pays both once.
// Everything else builds its queries in place, where they read best.
import { and, count, desc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { HELD_SQL } from './held';
import type { Db } from './open';
import { agents, conversations, events, idempotencyKeys, sessions, workspaceHours, workspaces } from './schema';

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
    // Routing (coordinator/routing.ts): what one decision reads and writes. As drizzle queries built
    // per call, this step took 0.66 ms at the median and 3.2 ms at p99 (bench/routing.ts), most of it
    // building the assignment's UPDATE and the garbage that left behind.
    heldCounts: db
      .select({ agentId: conversations.assigneeId, n: count() })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, p('workspaceId')), isNotNull(conversations.assigneeId), HELD_SQL))
      .groupBy(conversations.assigneeId)
      .prepare(),
    routingAgents: db
      .select({
        id: agents.id,
        status: agents.status,
        capacity: agents.capacity,
        skills: agents.skills,
        lastAssignedAt: agents.lastAssignedAt,
        createdAt: agents.createdAt,
      })
      .from(agents)
      .where(and(eq(agents.workspaceId, p('workspaceId')), isNull(agents.removedAt)))
      .prepare(),
    assignAutomatically: db
      .update(conversations)
      .set({
        assigneeId: sql`${p('agentId')}`,
        assignedAt: sql`${p('now')}`,
        status: sql`${p('status')}`,
        afterHours: false,
        routeAfter: null,
        noReplyNotifiedAt: null,
        updatedAt: sql`${p('now')}`,
      })
      .where(eq(conversations.id, p('id')))
      .returning()
      .prepare(),
    stampAssignment: db
      .update(agents)
      .set({ lastAssignedAt: sql`${p('stamp')}` })
      .where(eq(agents.id, p('agentId')))
      .prepare(),
    workspaceSettings: db
      .select({ routing: workspaces.routing, sla: workspaces.sla, automatic: workspaces.automatic })
      .from(workspaces)
      .where(eq(workspaces.id, p('workspaceId')))
      .prepare(),
    hoursAt: db
      .select({ hours: workspaceHours.hours })
      .from(workspaceHours)
      .where(and(eq(workspaceHours.workspaceId, p('workspaceId')), lte(workspaceHours.effectiveFrom, p('at'))))
      .orderBy(desc(workspaceHours.effectiveFrom))
      .limit(1)
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
