// The hub's view of the SQLite store.
import { and, asc, desc, eq, gt, isNull, max } from 'drizzle-orm';
import type { Snapshot } from '../../shared/protocol';
import type { Deps } from '../deps';
import { authenticate } from '../auth';
import { handBack, leaseWaiting } from '../automatic';
import { agents, cannedResponses, conversations, events, tags, workspaces } from '../db/schema';
import { recordHeartbeat } from '../presence';
import { agentView, cannedResponseView, conversationView, eventView, tagView, workspaceView } from '../lib/views';
import type { HubSource } from './hub';

export function sqliteHubSource(deps: Deps): HubSource {
  return {
    authenticate: (token) => authenticate(deps.db, token, deps.now()),
    snapshot: (workspaceId): Snapshot => {
      const { db } = deps;
      return {
        workspace: workspaceView(db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get()!),
        agents: db
          .select()
          .from(agents)
          .where(and(eq(agents.workspaceId, workspaceId), isNull(agents.removedAt)))
          .all()
          .map(agentView),
        conversations: db
          .select()
          .from(conversations)
          .where(eq(conversations.workspaceId, workspaceId))
          .orderBy(desc(conversations.updatedAt))
          .all()
          .map(conversationView),
        cannedResponses: db.select().from(cannedResponses).where(eq(cannedResponses.workspaceId, workspaceId)).all().map(cannedResponseView),
        tags: db.select().from(tags).where(eq(tags.workspaceId, workspaceId)).all().map(tagView),
      };
    },
    eventsSince: (workspaceId, seq, limit) => {
      if (seq > (deps.db.select({ seq: max(events.seq) }).from(events).get()?.seq ?? 0)) return null; // from another database
      const rows = deps.db
        .select()
        .from(events)
        .where(and(eq(events.workspaceId, workspaceId), gt(events.seq, seq)))
        .orderBy(asc(events.seq))
        .limit(limit + 1)
        .all();
      return rows.length > limit ? null : rows.map(eventView);
    },
    currentSeq: () => deps.db.select({ seq: max(events.seq) }).from(events).get()?.seq ?? 0,
    heartbeat: (principal) => recordHeartbeat(deps, principal),
    senderReady: (principal) => leaseWaiting(deps, principal.workspaceId),
    senderGone: (principal) => principal.deviceId && handBack(deps, principal.workspaceId, principal.deviceId),
  };
}
