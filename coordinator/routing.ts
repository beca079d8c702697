// Automatic assignment (issue #8), applied inside the transaction of the event that triggered it:
// a new episode's first customer message (or signal), a device's triage outcome, an agent coming
// online or freeing capacity, and the clock (housekeeping). The decisions themselves are pure
// functions in shared/domain/routing.ts; this file reads their inputs and writes their outcome.
import { HELD_SQL } from './db/held';
import { and, eq, inArray, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import { isOpen } from '../shared/domain/hours';
import {
  applyAssignment,
  chooseAgent,
  drainOrder,
  eligible,
  planDrain,
  reasonText,
  reassignDue,
  type RoutingCandidate,
  type RoutingContext,
  type RoutingReason,
} from '../shared/domain/routing';
import { firstMatchingRule, readsText } from '../shared/domain/rules';
import type { Db, Store } from './db/open';
import { prepared } from './db/prepared';
import { automaticMessages, conversations } from './db/schema';
import { episodeOf, type ConversationRow } from './conversations';
import type { Emit } from './events';
import { conversationView } from './lib/views';
import { hoursAt, settingsOf, type WorkspaceSettings } from './settings';

/**
 * In `rules` mode a new chat waits this long for a device's rules outcome before it is routed
 * without one. Every device evaluates a new chat as its row appears, so it normally comes with
 * the first signal; this covers a chat first seen by a device that cannot read its preview.
 */
export const TRIAGE_WAIT_MS = 20_000;


/** Everything a routing decision in one workspace reads, loaded once per transaction. */
export class RoutingScope {
  private loaded: WorkspaceSettings | null = null;
  private hours: ReturnType<typeof hoursAt> | null = null;
  constructor(
    /** For the prepared statements of the routing step (db/prepared.ts); they run inside `tx` (one connection). */
    readonly db: Db,
    readonly tx: Store,
    readonly emit: Emit,
    readonly workspaceId: string,
    readonly now: number,
  ) {}
  get settings(): WorkspaceSettings {
    return (this.loaded ??= settingsOf(this.db, this.workspaceId));
  }
  get hoursNow() {
    return (this.hours ??= hoursAt(this.db, this.workspaceId, this.now));
  }
  get open(): boolean {
    return isOpen(this.hoursNow, this.now);
  }
}

/** The workspace's agents as routing sees them, with the conversations each holds now. */
export function routingCandidates(db: Db, workspaceId: string): RoutingCandidate[] {
  const statements = prepared(db);
  const held = new Map(statements.heldCounts.all({ workspaceId }).map((r) => [r.agentId, r.n]));
  return statements.routingAgents.all({ workspaceId }).map((a) => ({ ...a, open: held.get(a.id) ?? 0 }));
}

/** What routing knows of a conversation besides the agents: the rule matched, the menu answer, the last agent. */
function contextOf(scope: RoutingScope, conversation: ConversationRow): RoutingContext {
  const { routing, automatic } = scope.settings;
  const rule = routing.mode === 'rules' ? firstMatchingRule(routing.rules, conversation.triage?.ruleIds ?? [], conversation.tags) : null;
  const option = conversation.triage?.menuOption;
  return {
    ruleId: rule?.id ?? null,
    menuSkill: option === undefined ? null : (automatic.menu.options[option - 1]?.skill ?? null),
    lastAgentId: conversation.lastAgentId,
    backToLastAgent: routing.backToLastAgent,
  };
}

/**
 * Gives a conversation to an agent, writing the reason to its timeline (`assignee.changed` with
 * reason `auto` and the routing reason in words).
 */
export function assignAutomatically(
  scope: RoutingScope,
  conversation: ConversationRow,
  agentId: string,
  reason: RoutingReason,
  /** The agent's new turn stamp (applyAssignment): strictly after every other agent's. */
  stamp: number,
): ConversationRow {
  const { now } = scope;
  const statements = prepared(scope.db);
  const status = conversation.status === 'pending' ? 'open' : conversation.status;
  const after = statements.assignAutomatically.get({ agentId, now, status, id: conversation.id });
  if (!after) throw new Error(`assigning conversation ${conversation.id}: no such conversation`);
  statements.stampAssignment.run({ stamp, agentId });
  scope.emit({
    type: 'assignee.changed',
    conversationId: after.id,
    data: {
      conversation: conversationView(after),
      from: conversation.assigneeId,
      to: agentId,
      reason: 'auto',
      routing: { ...reason, text: reasonText(reason) },
    },
  });
  return after;
}

function patch(scope: RoutingScope, conversation: ConversationRow, set: Partial<ConversationRow>, why: string): ConversationRow {
  const after = scope.tx
    .update(conversations)
    .set({ ...set, updatedAt: scope.now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  if (after.status !== conversation.status) {
    scope.emit({
      type: 'conversation.status_changed',
      conversationId: after.id,
      data: { conversation: conversationView(after), from: conversation.status, to: after.status, reason: why },
    });
  } else {
    scope.emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after), reason: why } });
  }
  return after;
}

/** Holds a chat from automatic routing until `until` (null: no longer held). */
function holdUntil(scope: RoutingScope, conversation: ConversationRow, until: number | null): ConversationRow {
  return scope.tx.update(conversations).set({ routeAfter: until }).where(eq(conversations.id, conversation.id)).returning().get();
}

const waitsForTriage = (scope: RoutingScope, conversation: ConversationRow) =>
  scope.settings.routing.mode === 'rules' &&
  conversation.triage === null &&
  scope.settings.routing.rules.some(readsText);

/**
 * Routes a conversation a customer is waiting on, or puts it where it waits: pending while the
 * business is closed (it goes first when the day starts), held back briefly in `rules` mode for
 * a device's rules outcome, or in the queue when nobody can take it now.
 */
export function routeWaiting(scope: RoutingScope, conversation: ConversationRow, options: { mayWait: boolean }): ConversationRow {
  if (conversation.assigneeId !== null || conversation.waitingSince === null || conversation.status === 'resolved' || conversation.status === 'snoozed') {
    return conversation;
  }
  if (!scope.open) {
    if (conversation.status === 'pending' && conversation.afterHours) return conversation;
    return patch(scope, conversation, { status: 'pending', afterHours: true }, 'after_hours');
  }
  const { routing } = scope.settings;
  if (routing.mode === 'manual') return conversation;
  // Held (a menu waiting for its answer, a chat just released): the hold's end routes it.
  if (options.mayWait && conversation.routeAfter !== null && conversation.routeAfter > scope.now) return conversation;
  if (options.mayWait && waitsForTriage(scope, conversation)) {
    return conversation.routeAfter !== null ? conversation : holdUntil(scope, conversation, scope.now + TRIAGE_WAIT_MS);
  }
  const candidates = routingCandidates(scope.db, scope.workspaceId);
  const choice = chooseAgent(routing.mode, routing.then, routing.rules, candidates, contextOf(scope, conversation));
  if (choice.agentId === null) {
    // In the queue: drained to the first agent who comes online or frees capacity.
    return conversation.routeAfter === null ? conversation : holdUntil(scope, conversation, null);
  }
  return assignAutomatically(scope, conversation, choice.agentId, choice.reason, applyAssignment(candidates, choice.agentId, scope.now));
}

/**
 * After a customer message or signal changed a conversation: a new episode, or a reopened chat,
 * is routed; a reopened chat whose assignee is not online is taken from them and routed again.
 */
export function afterCustomerWrote(scope: RoutingScope, before: ConversationRow, after: ConversationRow): ConversationRow {
  const reopened = (before.status === 'resolved' || before.status === 'snoozed') && after.status === 'open';
  const startsEpisode = before.waitingSince === null && after.waitingSince !== null;
  if (!reopened && !startsEpisode && !(after.status === 'open' && after.afterHours && !scope.open)) return after;
  let conversation = after;
  if (reopened && conversation.assigneeId !== null) {
    const assignee = routingCandidates(scope.db, scope.workspaceId).find((c) => c.id === conversation.assigneeId);
    if (assignee?.status === 'online' || scope.settings.routing.mode === 'manual') return conversation;
    conversation = unassign(scope, conversation, { kind: 'rerouted_owner_offline' });
  }
  return routeWaiting(scope, conversation, { mayWait: true });
}

/** Takes a conversation from its assignee for routing (the reason goes to the timeline). */
function unassign(scope: RoutingScope, conversation: ConversationRow, reason: RoutingReason): ConversationRow {
  const after = scope.tx
    .update(conversations)
    .set({ assigneeId: null, assignedAt: null, updatedAt: scope.now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  scope.emit({
    type: 'assignee.changed',
    conversationId: after.id,
    data: { conversation: conversationView(after), from: conversation.assigneeId, to: null, reason: 'auto', routing: { ...reason, text: reasonText(reason) } },
  });
  return after;
}

/**
 * Hands waiting chats to agents with room, oldest first (after-hours chats at the top), never
 * past anyone's capacity. Called whenever capacity may have appeared. Returns how many it gave.
 */
export function drainBacklog(scope: RoutingScope): number {
  const { routing } = scope.settings;
  if (routing.mode === 'manual' || !scope.open) return 0;
  const waiting = scope.tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, scope.workspaceId),
        isNull(conversations.assigneeId),
        HELD_SQL,
        isNotNull(conversations.waitingSince),
        or(isNull(conversations.routeAfter), lte(conversations.routeAfter, scope.now)),
      ),
    )
    .all();
  if (!waiting.length) return 0;
  const candidates = routingCandidates(scope.db, scope.workspaceId);
  if (!candidates.some(eligible)) return 0;
  const byId = new Map(waiting.map((c) => [c.id, c]));
  const plan = planDrain(routing.mode, routing.then, routing.rules, candidates, drainOrder(waiting), (w) => contextOf(scope, byId.get(w.id)!), scope.now);
  for (const step of plan) assignAutomatically(scope, byId.get(step.conversationId)!, step.agentId, step.reason, step.at);
  return plan.length;
}

/** Drains the backlog of a workspace in its own scope (after a status or capacity change). */
export function drainWorkspace(db: Db, tx: Store, emit: Emit, workspaceId: string, now: number): number {
  return drainBacklog(new RoutingScope(db, tx, emit, workspaceId, now));
}

/**
 * The no-reply timer: a chat whose assignee has not answered the waiting customer within the
 * owner's N minutes goes to another agent (or, when set to notify or nobody else can take it,
 * the owner is told once per assignment).
 */
export function checkNoReply(scope: RoutingScope): { reassigned: number; notified: number } {
  const { routing } = scope.settings;
  const minutes = routing.reassignAfterMinutes;
  const result = { reassigned: 0, notified: 0 };
  if (minutes === null) return result;
  const rows = scope.tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, scope.workspaceId),
        isNotNull(conversations.assigneeId),
        eq(conversations.status, 'open'),
        isNotNull(conversations.waitingSince),
        isNull(conversations.noReplyNotifiedAt),
        lte(conversations.waitingSince, scope.now - minutes * 60_000),
      ),
    )
    .all();
  for (const conversation of rows) {
    if (!reassignDue(conversation.assignedAt ?? conversation.createdAt, conversation.lastOutboundAt, conversation.waitingSince, minutes, scope.now)) continue;
    if (routing.onNoReply === 'reassign' && scope.open) {
      const others = routingCandidates(scope.db, scope.workspaceId).filter((c) => c.id !== conversation.assigneeId);
      const mode = routing.mode === 'manual' ? routing.then : routing.mode;
      const choice = chooseAgent(mode, routing.then, routing.rules, others, contextOf(scope, { ...conversation, lastAgentId: null }));
      if (choice.agentId !== null) {
        assignAutomatically(scope, conversation, choice.agentId, { kind: 'reassigned', afterMinutes: minutes }, applyAssignment(others, choice.agentId, scope.now));
        result.reassigned++;
        continue;
      }
    }
    const after = scope.tx
      .update(conversations)
      .set({ noReplyNotifiedAt: scope.now })
      .where(eq(conversations.id, conversation.id))
      .returning()
      .get();
    scope.emit({
      type: 'conversation.no_reply',
      conversationId: after.id,
      data: { conversation: conversationView(after), assignee: after.assigneeId, minutes },
    });
    result.notified++;
  }
  return result;
}

/** Chats held for a rules outcome that did not come in time: routed without it. */
export function routeOverdue(scope: RoutingScope): number {
  const due = scope.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, scope.workspaceId), isNull(conversations.assigneeId), lte(conversations.routeAfter, scope.now)))
    .all();
  let routed = 0;
  for (const conversation of due) {
    const free = holdUntil(scope, conversation, null);
    if (routeWaiting(scope, free, { mayWait: false }).assigneeId !== null) routed++;
  }
  return routed;
}

/** When the day starts, after-hours chats leave `pending` for the queue, at its top. */
export function openTheDay(scope: RoutingScope): number {
  if (!scope.open) return 0;
  const waiting = scope.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, scope.workspaceId), eq(conversations.status, 'pending'), eq(conversations.afterHours, true), isNull(conversations.assigneeId)))
    .all();
  for (const conversation of waiting) patch(scope, conversation, { status: 'open' }, 'day_started');
  return waiting.length;
}

/** Workspaces with something for the routing clock to look at now. */
export function workspacesToTend(tx: Store, now: number): string[] {
  const rows = tx
    .selectDistinct({ workspaceId: conversations.workspaceId })
    .from(conversations)
    .where(
      or(
        lte(conversations.routeAfter, now),
        and(eq(conversations.status, 'pending'), eq(conversations.afterHours, true)),
        and(isNotNull(conversations.assigneeId), isNotNull(conversations.waitingSince), ne(conversations.status, 'resolved'), isNull(conversations.noReplyNotifiedAt)),
        and(isNull(conversations.assigneeId), isNotNull(conversations.waitingSince), HELD_SQL),
        lte(conversations.slaCheckAt, now),
      ),
    )
    .all();
  return rows.map((r) => r.workspaceId);
}

/**
 * A chat released while routing is automatic goes to another agent who can take it now; with
 * nobody else, it waits in the queue and is held from automatic routing for RELEASE_HOLD_MS, so
 * the backlog drain does not hand it straight back to whoever let it go.
 */
export const RELEASE_HOLD_MS = 5 * 60_000;

/** After a release: hands the chat on to someone other than `releasedBy`, or holds it in the queue. */
export function handOn(scope: RoutingScope, conversation: ConversationRow, releasedBy: string): ConversationRow {
  const { routing } = scope.settings;
  if (routing.mode === 'manual' || conversation.waitingSince === null || conversation.status === 'resolved' || conversation.status === 'snoozed') return conversation;
  if (scope.open) {
    const others = routingCandidates(scope.db, scope.workspaceId).filter((c) => c.id !== releasedBy);
    const choice = chooseAgent(routing.mode, routing.then, routing.rules, others, contextOf(scope, { ...conversation, lastAgentId: null }));
    if (choice.agentId !== null) return assignAutomatically(scope, conversation, choice.agentId, choice.reason, applyAssignment(others, choice.agentId, scope.now));
  }
  return holdUntil(scope, conversation, scope.now + RELEASE_HOLD_MS);
}

/** What a device read of an episode's first message: outcomes, never text. */
export interface TriageReport {
  ruleIds: string[];
  language: string | null;
}

/**
 * Records a device's triage outcome: the first report of an episode wins and the others change
 * nothing (four devices read the same message). A chat waiting to be routed is routed with it.
 */
export function recordTriage(scope: RoutingScope, conversation: ConversationRow, report: TriageReport): ConversationRow {
  if (conversation.status === 'resolved' || conversation.triage !== null) return conversation;
  const after = scope.tx
    .update(conversations)
    .set({ triage: { ruleIds: report.ruleIds, language: report.language, at: scope.now }, language: conversation.language ?? report.language, updatedAt: scope.now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  scope.emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after), reason: 'triage' } });
  if (after.assigneeId !== null || after.waitingSince === null) return after;
  // The hold was for this outcome, unless the triage menu's answer is still to come.
  const held = after.routeAfter !== null && !menuAwaited(scope.tx, after) ? holdUntil(scope, after, null) : after;
  return routeWaiting(scope, held, { mayWait: true });
}

/** This episode's triage menu is queued, on its way, or asked and not answered yet. */
function menuAwaited(tx: Store, conversation: ConversationRow): boolean {
  const row = tx
    .select({ id: automaticMessages.id })
    .from(automaticMessages)
    .where(
      and(
        eq(automaticMessages.conversationId, conversation.id),
        eq(automaticMessages.episode, episodeOf(conversation)),
        eq(automaticMessages.kind, 'menu'),
        inArray(automaticMessages.status, ['pending', 'leased', 'sent']),
        isNull(automaticMessages.answer),
      ),
    )
    .get();
  return row !== undefined;
}
