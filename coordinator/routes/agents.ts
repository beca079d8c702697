import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { AgentCreateBody, AgentPatchBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import type { Store } from '../db/open';
import { requireAuth, requireOwner } from '../auth';
import { agents, conversations, sessions } from '../db/schema';
import { mutate } from '../events';
import { badRequest, conflict, notFound } from '../lib/errors';
import { hashPassword, newId } from '../lib/crypto';
import { agentView, conversationView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import { drainWorkspace } from '../routing';

/** An agent of this workspace who has not been removed, or null. Never crosses workspaces. */
export function activeAgent(db: Store, workspaceId: string, agentId: string) {
  return (
    db
      .select()
      .from(agents)
      .where(and(eq(agents.id, agentId), eq(agents.workspaceId, workspaceId), isNull(agents.removedAt)))
      .get() ?? null
  );
}

export const agentRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/agents', requireAuth(deps))
    .use('/agents/*', requireAuth(deps))
    .get('/agents', (c) => {
      const rows = deps.db
        .select()
        .from(agents)
        .where(and(eq(agents.workspaceId, c.get('auth').workspaceId), isNull(agents.removedAt)))
        .all();
      return c.json(rows.map(agentView));
    })
    .post('/agents', requireOwner, jsonBody(AgentCreateBody), async (c) => {
      const auth = c.get('auth');
      const body = c.req.valid('json');
      const passwordHash = await hashPassword(body.password);
      const now = deps.now();
      const agent = mutate(deps, auth, (tx, emit) => {
        if (tx.select({ id: agents.id }).from(agents).where(eq(agents.email, body.email)).get()) {
          throw conflict('email_taken', 'Someone already uses that email');
        }
        const row = tx
          .insert(agents)
          .values({
            id: newId(),
            workspaceId: auth.workspaceId,
            name: body.name,
            email: body.email,
            passwordHash,
            role: body.role,
            skills: body.skills,
            capacity: body.capacity,
            statusChangedAt: now,
            createdAt: now,
          })
          .returning()
          .get();
        emit({ type: 'agent.created', data: { agent: agentView(row) } });
        return row;
      });
      return c.json(agentView(agent), 201);
    })
    .patch('/agents/:id', requireOwner, jsonBody(AgentPatchBody), async (c) => {
      const auth = c.get('auth');
      const { password, ...changes } = c.req.valid('json');
      const passwordHash = password ? await hashPassword(password) : undefined;
      const agent = mutate(deps, auth, (tx, emit) => {
        const before = activeAgent(tx, auth.workspaceId, c.req.param('id'));
        if (!before) throw notFound('Agent');
        if (before.id === auth.agentId && changes.role === 'agent') {
          throw badRequest('last_owner', 'You cannot step down from owner yourself');
        }
        const row = tx
          .update(agents)
          .set({ ...changes, ...(passwordHash ? { passwordHash } : {}) })
          .where(eq(agents.id, before.id))
          .returning()
          .get();
        emit({ type: 'agent.updated', data: { agent: agentView(row) } });
        // More capacity, or new skills: waiting chats may go to them now.
        if (changes.capacity !== undefined || changes.skills) drainWorkspace(deps.db, tx, emit, auth.workspaceId, deps.now());
        return row;
      });
      return c.json(agentView(agent));
    })
    // Removing an agent signs them out everywhere and hands their conversations back to the queue.
    .delete('/agents/:id', requireOwner, (c) => {
      const auth = c.get('auth');
      const agentId = c.req.param('id');
      mutate(deps, auth, (tx, emit) => {
        const agent = activeAgent(tx, auth.workspaceId, agentId);
        if (!agent) throw notFound('Agent');
        if (agent.id === auth.agentId) throw badRequest('cannot_remove_self', 'You cannot remove yourself');
        tx.update(agents).set({ removedAt: deps.now(), status: 'offline' }).where(eq(agents.id, agentId)).run();
        tx.delete(sessions).where(eq(sessions.agentId, agentId)).run();
        const released = tx
          .update(conversations)
          .set({ assigneeId: null, assignedAt: null, updatedAt: deps.now() })
          .where(and(eq(conversations.workspaceId, auth.workspaceId), eq(conversations.assigneeId, agentId)))
          .returning()
          .all();
        for (const conversation of released) {
          emit({
            type: 'assignee.changed',
            conversationId: conversation.id,
            data: { conversation: conversationView(conversation), from: agentId, to: null, reason: 'agent_removed' },
          });
        }
        emit({ type: 'agent.removed', data: { agentId } });
        drainWorkspace(deps.db, tx, emit, auth.workspaceId, deps.now());
      });
      deps.hub.disconnect((p) => p.agentId === agentId, 'Removed from the workspace');
      return c.body(null, 204);
    });
