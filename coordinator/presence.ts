// Agent presence: heartbeats keep an agent present; the sweep marks silent agents offline.
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import { PRESENCE_GRACE_MS } from '../shared/domain/limits';
import type { AgentStatus } from '../shared/domain/status';
import type { Deps } from './deps';
import { agents, devices } from './db/schema';
import { mutate, type Actor } from './events';
import type { Principal } from './realtime/hub';
import { agentView } from './lib/views';
import { drainWorkspace } from './routing';

/** Sets an agent's status and tells every device. No event when nothing changes. */
export function setAgentStatus(deps: Deps, actor: Actor, agentId: string, status: AgentStatus, auto: boolean): void {
  mutate(deps, actor, (tx, emit) => {
    const before = tx.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId))).get();
    if (!before || (before.status === status && before.autoOffline === auto)) return;
    const after = tx
      .update(agents)
      .set({ status, autoOffline: auto, statusChangedAt: deps.now() })
      .where(eq(agents.id, agentId))
      .returning()
      .get();
    if (before.status !== status) {
      emit({ type: 'agent.status_changed', data: { agent: agentView(after), from: before.status, to: status, auto } });
      // Back online: the oldest waiting chats go to them first (issue #8).
      if (status === 'online') drainWorkspace(deps.db, tx, emit, actor.workspaceId, deps.now());
    }
  });
}

/** A sign of life from a device: the agent is present; one the sweep took offline comes back. */
export function recordHeartbeat(deps: Deps, principal: Principal): void {
  const now = deps.now();
  const agent = deps.db
    .update(agents)
    .set({ lastSeenAt: now })
    .where(eq(agents.id, principal.agentId))
    .returning({ status: agents.status, autoOffline: agents.autoOffline })
    .get();
  if (principal.deviceId) deps.db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, principal.deviceId)).run();
  if (agent?.status === 'offline' && agent.autoOffline) {
    setAgentStatus(deps, { workspaceId: principal.workspaceId, agentId: principal.agentId, deviceId: principal.deviceId }, principal.agentId, 'online', false);
  }
}

/** Marks offline every agent not heard from within the grace period. Returns how many. */
export function sweepPresence(deps: Deps, graceMs = PRESENCE_GRACE_MS): number {
  const cutoff = deps.now() - graceMs;
  const silent = deps.db
    .select({ id: agents.id, workspaceId: agents.workspaceId })
    .from(agents)
    .where(
      and(
        ne(agents.status, 'offline'),
        isNull(agents.removedAt),
        or(lt(agents.lastSeenAt, cutoff), and(isNull(agents.lastSeenAt), lt(agents.statusChangedAt, cutoff))),
      ),
    )
    .all();
  for (const agent of silent) {
    setAgentStatus(deps, { workspaceId: agent.workspaceId, agentId: null, deviceId: null }, agent.id, 'offline', true);
  }
  return silent.length;
}
