import { and, eq, isNull, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { SessionBody } from '../../shared/api';
import { SESSION_TTL_MS } from '../../shared/domain/limits';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { agents, devices, sessions, workspaces } from '../db/schema';
import { mutate } from '../events';
import { setAgentStatus } from '../presence';
import { ApiError } from '../lib/errors';
import { hashPassword, newId, newToken, sha256, verifyPassword } from '../lib/crypto';
import { agentView, workspaceView } from '../lib/views';
import { jsonBody } from '../lib/validate';

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy-password-never-matches');

/** Creates a session for an agent (optionally on a linked device) and marks them online. */
export function startSession(deps: Deps, agentId: string, deviceId: string | null) {
  const now = deps.now();
  const token = newToken('bts');
  const agent = deps.db.select().from(agents).where(eq(agents.id, agentId)).get()!;
  const actor = { workspaceId: agent.workspaceId, agentId, deviceId };
  // The owner's page lists who is signed in on which device: tell it.
  mutate(deps, actor, (tx, emit) => {
    tx.insert(sessions)
      .values({ id: newId(), tokenHash: sha256(token), workspaceId: agent.workspaceId, agentId, deviceId, createdAt: now, expiresAt: now + SESSION_TTL_MS })
      .run();
    tx.update(agents).set({ lastSeenAt: now }).where(eq(agents.id, agentId)).run();
    emit({ type: 'agent.signed_in', data: { agentId, deviceId } });
  });
  if (agent.status === 'offline') {
    setAgentStatus(deps, actor, agentId, 'online', false);
  }
  const fresh = deps.db.select().from(agents).where(eq(agents.id, agentId)).get()!;
  const workspace = deps.db.select().from(workspaces).where(eq(workspaces.id, agent.workspaceId)).get()!;
  return { token, agent: agentView(fresh), workspace: workspaceView(workspace) };
}

export const sessionRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/sessions', jsonBody(SessionBody), async (c) => {
      const { email, password, deviceToken } = c.req.valid('json');
      const agent = deps.db.select().from(agents).where(and(eq(agents.email, email), isNull(agents.removedAt))).get();
      const ok = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash));
      if (!agent || !ok) throw new ApiError(401, 'invalid_credentials', 'Email or password is wrong');
      let deviceId: string | null = null;
      if (deviceToken) {
        const device = deps.db.select().from(devices).where(eq(devices.tokenHash, sha256(deviceToken))).get();
        if (!device || device.workspaceId !== agent.workspaceId) {
          throw new ApiError(401, 'unknown_device', 'This browser is not linked to your workspace: link it with a pairing code');
        }
        deviceId = device.id;
      }
      return c.json(startSession(deps, agent.id, deviceId), 201);
    })
    .delete('/sessions/current', requireAuth(deps), (c) => {
      const auth = c.get('auth');
      mutate(deps, auth, (tx, emit) => {
        tx.delete(sessions).where(eq(sessions.id, auth.sessionId)).run();
        emit({ type: 'agent.signed_out', data: { agentId: auth.agentId, deviceId: auth.deviceId } });
      });
      deps.hub.disconnect((p) => p.sessionId === auth.sessionId, 'Signed out');
      // Signed out everywhere: not available for chats any more.
      if (!deps.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.agentId, auth.agentId)).get()) {
        setAgentStatus(deps, auth, auth.agentId, 'offline', false);
      }
      return c.body(null, 204);
    })
    // End of shift: everyone but the owner doing it is signed out and shown offline.
    .delete('/sessions', requireAuth(deps), requireOwner, (c) => {
      const auth = c.get('auth');
      const ended = deps.db
        .delete(sessions)
        .where(and(eq(sessions.workspaceId, auth.workspaceId), ne(sessions.id, auth.sessionId)))
        .returning({ id: sessions.id, agentId: sessions.agentId })
        .all();
      const endedIds = new Set(ended.map((s) => s.id));
      deps.hub.disconnect((p) => endedIds.has(p.sessionId), 'The owner signed everyone out');
      const stillIn = new Set(
        deps.db.select({ agentId: sessions.agentId }).from(sessions).where(eq(sessions.workspaceId, auth.workspaceId)).all().map((s) => s.agentId),
      );
      for (const agentId of new Set(ended.map((s) => s.agentId))) {
        if (!stillIn.has(agentId)) setAgentStatus(deps, auth, agentId, 'offline', false);
      }
      return c.json({ signedOut: endedIds.size });
    });
