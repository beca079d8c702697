import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  AssignBody,
  ConversationListQuery,
  ConversationUpsertBody,
  SnoozeBody,
  TagsBody,
  TransferBody,
} from '../../shared/api';
import type { ConversationStatus } from '../../shared/domain/status';
import type { AppEnv, Auth, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { prepared } from '../db/prepared';
import { agents, conversations, tags as tagTable } from '../db/schema';
import { episodeEnds } from '../clocks';
import { leaseWaiting, queueSatisfaction } from '../automatic';
import { drainWorkspace, handOn, recordTriage, RoutingScope } from '../routing';
import { TriageBody } from '../../shared/settings';
import { getConversation, upsertConversation, type ConversationRow } from '../conversations';
import { mutate, type Emit } from '../events';
import { activeAgent } from './agents';
import { ApiError, conflict } from '../lib/errors';
import { conversationView } from '../lib/views';
import { jsonBody, queryParams } from '../lib/validate';
import type { Store } from '../db/open';

type Patch = Partial<typeof conversations.$inferInsert>;

/** The assignee, the owner, or anyone while unassigned may act on a conversation's lifecycle. */
function mayAct(auth: Auth, conversation: ConversationRow): boolean {
  return conversation.assigneeId === null || conversation.assigneeId === auth.agentId || auth.role === 'owner';
}

function ownedElsewhere(tx: Store, auth: Auth, conversation: ConversationRow): ApiError {
  const owner = conversation.assigneeId ? activeAgent(tx, auth.workspaceId, conversation.assigneeId) : null;
  return conflict('not_yours', `${owner?.name ?? 'Another agent'} owns this conversation`, { assignee: conversation.assigneeId });
}

function applyPatch(tx: Store, conversation: ConversationRow, patch: Patch, now: number): ConversationRow {
  return tx
    .update(conversations)
    .set({ ...patch, updatedAt: now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
}

/** Moves a conversation to a status, emitting `conversation.status_changed` when it changes. */
export function changeStatus(
  tx: Store,
  emit: Emit,
  conversation: ConversationRow,
  to: ConversationStatus,
  now: number,
  extra: Patch = {},
  reason = 'manual',
): ConversationRow {
  if (conversation.status === to && Object.keys(extra).length === 0) return conversation;
  // A resolution is remembered past a reopen (lastResolvedAt): what was written before it is history.
  const resolution: Patch =
    to === 'resolved' && conversation.status !== 'resolved'
      ? { resolvedAt: now, lastResolvedAt: now, waitingSince: null, waitingSource: null, ...episodeEnds(conversation) }
      : to !== 'resolved' && conversation.status === 'resolved'
        ? // The customer wrote again: a satisfaction question is no longer asked.
          { resolvedAt: null, question: null }
        : {};
  const after = applyPatch(tx, conversation, { status: to, ...resolution, ...extra }, now);
  if (conversation.status !== to) {
    emit({
      type: 'conversation.status_changed',
      conversationId: after.id,
      data: { conversation: conversationView(after), from: conversation.status, to, reason },
    });
  }
  return after;
}

function changeAssignee(
  tx: Store,
  emit: Emit,
  conversation: ConversationRow,
  to: string | null,
  now: number,
  reason: 'claim' | 'release' | 'transfer' | 'assign',
  note?: string,
): ConversationRow {
  const after = applyPatch(tx, conversation, { assigneeId: to, assignedAt: to === null ? null : now, noReplyNotifiedAt: null, routeAfter: null }, now);
  if (to !== null) tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, to)).run();
  emit({
    type: 'assignee.changed',
    conversationId: after.id,
    data: { conversation: conversationView(after), from: conversation.assigneeId, to, reason, ...(note ? { note } : {}) },
  });
  return after;
}

export const conversationRoutes = (deps: Deps) => {
  /** Runs a change on one conversation of the caller's workspace and answers with its new state. */
  // Anything an agent does to a conversation may free capacity (a release, a resolution, a
  // transfer): waiting chats are drained in the same transaction.
  const act = (auth: Auth, id: string, change: (tx: Store, emit: Emit, c: ConversationRow, now: number) => ConversationRow) =>
    conversationView(
      mutate(deps, auth, (tx, emit) => {
        const now = deps.now();
        const after = change(tx, emit, getConversation(deps.db, auth.workspaceId, id), now);
        return drainWorkspace(deps.db, tx, emit, auth.workspaceId, now) ? getConversation(deps.db, auth.workspaceId, id) : after;
      }),
    );

  return (
    new Hono<AppEnv>()
      .use('/conversations', requireAuth(deps))
      .use('/conversations/*', requireAuth(deps))
      // Devices report every chat they see; the same chat gets the same id on every device.
      .post('/conversations', jsonBody(ConversationUpsertBody), (c) => {
        const auth = c.get('auth');
        const { conversation, created } = mutate(deps, auth, (tx, emit) =>
          upsertConversation(tx, emit, auth.workspaceId, deps.now(), c.req.valid('json')),
        );
        return c.json(conversationView(conversation), created ? 201 : 200);
      })
      .get('/conversations', queryParams(ConversationListQuery), (c) => {
        const auth = c.get('auth');
        const { status, assignee } = c.req.valid('query');
        const filters = [eq(conversations.workspaceId, auth.workspaceId)];
        if (status) filters.push(eq(conversations.status, status));
        if (assignee === 'none') filters.push(isNull(conversations.assigneeId));
        else if (assignee) filters.push(eq(conversations.assigneeId, assignee === 'me' ? auth.agentId : assignee));
        const rows = deps.db
          .select()
          .from(conversations)
          .where(and(...filters))
          // Oldest waiting first (the queue), then most recently active.
          .orderBy(sql`${conversations.waitingSince} IS NULL`, asc(conversations.waitingSince), desc(conversations.updatedAt))
          .all();
        return c.json(rows.map(conversationView));
      })
      .get('/conversations/:id', (c) => {
        const auth = c.get('auth');
        return c.json(conversationView(getConversation(deps.db, auth.workspaceId, c.req.param('id'))));
      })
      // Compare-and-set: the UPDATE only matches while the conversation is free (or already
      // mine), so of two agents claiming at once exactly one wins and the other gets 409.
      .post('/conversations/:id/claim', (c) => {
        const auth = c.get('auth');
        const id = c.req.param('id');
        const view = mutate(deps, auth, (tx, emit) => {
          const before = getConversation(deps.db, auth.workspaceId, id);
          const won = prepared(deps.db).claim.get({ id, workspaceId: auth.workspaceId, agentId: auth.agentId, now: deps.now() });
          if (!won) throw ownedElsewhere(tx, auth, before);
          if (before.assigneeId !== auth.agentId) {
            const now = deps.now();
            tx.update(conversations).set({ assignedAt: now, routeAfter: null, noReplyNotifiedAt: null }).where(eq(conversations.id, id)).run();
            tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, auth.agentId)).run();
            emit({
              type: 'assignee.changed',
              conversationId: id,
              data: { conversation: conversationView(won), from: null, to: auth.agentId, reason: 'claim' },
            });
          }
          return conversationView(won);
        });
        return c.json(view);
      })
      .post('/conversations/:id/release', (c) => {
        const auth = c.get('auth');
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (conversation.assigneeId === null) return conversation;
            if (!mayAct(auth, conversation)) throw ownedElsewhere(tx, auth, conversation);
            const released = changeAssignee(tx, emit, conversation, null, now, 'release');
            return handOn(new RoutingScope(deps.db, tx, emit, auth.workspaceId, now), released, conversation.assigneeId!);
          }),
        );
      })
      .post('/conversations/:id/transfer', jsonBody(TransferBody), (c) => {
        const auth = c.get('auth');
        const { to, note } = c.req.valid('json');
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (!mayAct(auth, conversation)) throw ownedElsewhere(tx, auth, conversation);
            if (!activeAgent(tx, auth.workspaceId, to)) {
              throw new ApiError(422, 'unknown_agent', 'Transfer to an agent of this workspace');
            }
            if (conversation.assigneeId === to) return conversation;
            return changeAssignee(tx, emit, conversation, to, now, 'transfer', note);
          }),
        );
      })
      .post('/conversations/:id/assign', requireOwner, jsonBody(AssignBody), (c) => {
        const auth = c.get('auth');
        const { to } = c.req.valid('json');
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (to !== null && !activeAgent(tx, auth.workspaceId, to)) {
              throw new ApiError(422, 'unknown_agent', 'Assign to an agent of this workspace');
            }
            if (conversation.assigneeId === to) return conversation;
            return changeAssignee(tx, emit, conversation, to, now, 'assign');
          }),
        );
      })
      .post('/conversations/:id/resolve', (c) => {
        const auth = c.get('auth');
        let asked = false;
        const response = c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (!mayAct(auth, conversation)) throw ownedElsewhere(tx, auth, conversation);
            if (conversation.status === 'resolved') return conversation;
            const after = changeStatus(tx, emit, conversation, 'resolved', now, { snoozedUntil: null });
            if (auth.agentId !== null && queueSatisfaction(deps.db, tx, emit, conversation, after, auth.agentId, now)) asked = true;
            return after;
          }),
        );
        // The satisfaction question goes to a device that can send, once committed (or when its time comes).
        if (asked) leaseWaiting(deps, auth.workspaceId);
        return response;
      })
      .post('/conversations/:id/reopen', (c) => {
        const auth = c.get('auth');
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (!mayAct(auth, conversation)) throw ownedElsewhere(tx, auth, conversation);
            if (conversation.status === 'open') return conversation;
            return changeStatus(tx, emit, conversation, 'open', now, { snoozedUntil: null });
          }),
        );
      })
      .post('/conversations/:id/snooze', jsonBody(SnoozeBody), (c) => {
        const auth = c.get('auth');
        const until = Date.parse(c.req.valid('json').until);
        if (until <= deps.now()) throw new ApiError(400, 'invalid_request', 'until: snooze until a time in the future');
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            if (!mayAct(auth, conversation)) throw ownedElsewhere(tx, auth, conversation);
            return changeStatus(tx, emit, conversation, 'snoozed', now, { snoozedUntil: until });
          }),
        );
      })
      // What a device read of the first customer message (or a menu answer), outcomes only: the
      // first report of an episode wins, and a chat waiting for it is routed at once (issue #8).
      .post('/conversations/:id/triage', jsonBody(TriageBody), (c) => {
        const auth = c.get('auth');
        const report = c.req.valid('json');
        return c.json(
          conversationView(
            mutate(deps, auth, (tx, emit) =>
              recordTriage(new RoutingScope(deps.db, tx, emit, auth.workspaceId, deps.now()), getConversation(deps.db, auth.workspaceId, c.req.param('id')), report),
            ),
          ),
        );
      })
      .put('/conversations/:id/tags', jsonBody(TagsBody), (c) => {
        const auth = c.get('auth');
        const wanted = [...new Set(c.req.valid('json').tags)];
        return c.json(
          act(auth, c.req.param('id'), (tx, emit, conversation, now) => {
            const known = new Set(
              tx.select({ name: tagTable.name }).from(tagTable).where(eq(tagTable.workspaceId, auth.workspaceId)).all().map((t) => t.name),
            );
            const unknown = wanted.filter((t) => !known.has(t));
            if (unknown.length) throw new ApiError(422, 'unknown_tag', `No such tag: ${unknown.join(', ')}. The owner adds tags.`);
            const after = applyPatch(tx, conversation, { tags: wanted }, now);
            emit({ type: 'conversation.tags_changed', conversationId: after.id, data: { conversation: conversationView(after), from: conversation.tags } });
            return after;
          }),
        );
      })
  );
};

/** Wakes snoozed conversations whose time has come. Returns how many. */
export function wakeSnoozed(deps: Deps): number {
  const now = deps.now();
  const due = deps.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.status, 'snoozed'), sql`${conversations.snoozedUntil} <= ${now}`))
    .all();
  for (const conversation of due) {
    mutate(deps, { workspaceId: conversation.workspaceId, agentId: null, deviceId: null }, (tx, emit) =>
      changeStatus(tx, emit, conversation, 'open', now, { snoozedUntil: null }, 'snooze_ended'),
    );
  }
  return due.length;
}
