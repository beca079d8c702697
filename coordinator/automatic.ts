// Automatic messages (issue #8): the greeting, the away message, the triage menu and the
// satisfaction question. The coordinator decides one in the transaction of the customer message
// (or signal) that starts an episode, or of the resolution (satisfaction), and leases it to
// one device at a time, which sends it through WhatsApp Web and reports how it went. Exactly once:
// a device that gets a lease first looks in the chat for a bubble with the text sent since the
// intent's `createdAt` (an earlier holder may have sent it and died before reporting), and reports
// `already_sent` instead of sending again. The pure choices are in shared/domain/automatic.ts.
import { and, asc, count, eq, gt, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { AutomaticIntentView, AutomaticResultBody } from '../shared/api';
import {
  AUTOMATIC_LEASE_MS,
  AUTOMATIC_MAX_AGE_MS,
  AUTOMATIC_MAX_ATTEMPTS,
  AWAY_EVERY_MS,
  chooseSender,
  intentKindFor,
  isQuestion,
  MENU_ANSWER_WAIT_MS,
  menuMessage,
  personalise,
  SATISFACTION_SCALE,
} from '../shared/domain/automatic';
import { isOpen } from '../shared/domain/hours';
import type { Deps } from './deps';
import type { Db, Store } from './db/open';
import { automaticMessages, conversations } from './db/schema';
import { episodeOf, type ConversationRow } from './conversations';
import { mutate, type Emit } from './events';
import { newId } from './lib/crypto';
import { iso } from './lib/time';
import { conversationView } from './lib/views';
import { hoursAt, settingsOf } from './settings';
import { routeWaiting, RoutingScope } from './routing';

/**
 * The satisfaction question waits this long after the agent's last reply ("never within 5
 * minutes after an agent replied"): their goodbye is read before the question comes.
 */
export const AFTER_REPLY_QUIET_MS = 5 * 60_000;

export type AutomaticRow = typeof automaticMessages.$inferSelect;


/** What the event log says of an intent (the text is the business's own, never a customer's). */
const summary = (row: AutomaticRow) => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  status: row.status,
  deviceId: row.deviceId,
  attempts: row.attempts,
  createdAt: iso(row.createdAt),
});

/** What the device holding the lease gets. */
export function intentView(row: AutomaticRow, chat: Pick<ConversationRow, 'title' | 'jid' | 'avatarKey'>): AutomaticIntentView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    kind: row.kind,
    text: row.text,
    chat: { title: chat.title, jid: chat.jid, avatar: chat.avatarKey },
    createdAt: iso(row.createdAt)!,
    leaseUntil: iso(row.leaseUntil)!,
    attempt: row.attempts,
  };
}

/**
 * After a customer message or signal changed a conversation (`before` to `after`, in the same
 * transaction): when it started a new episode, decides its automatic message (away while closed;
 * while open, the triage menu in rules mode, else the greeting; each only when enabled) and
 * records it, once per episode however many devices report the same message. Nothing for an
 * episode whose customer message is old news (a device catching up on history), for a chat the
 * business wrote first, or for a second away message within a day. A menu holds the chat from
 * routing until its answer (or MENU_ANSWER_WAIT_MS). Returns the conversation and whether one
 * was queued: the caller leases it once committed.
 */
export function queueAutomatic(scope: RoutingScope, before: ConversationRow, after: ConversationRow): { conversation: ConversationRow; queued: boolean } {
  const none = { conversation: after, queued: false };
  if (before.episodeStartedAt !== null || after.episodeStartedAt === null || after.status === 'resolved') return none;
  if (scope.now - after.episodeStartedAt > AUTOMATIC_MAX_AGE_MS) return none;
  // A human wrote first in this episode (the business started the conversation): no greeting.
  const wroteFirst = after.lastOutboundAt !== null && (after.lastResolvedAt === null || after.lastOutboundAt > after.lastResolvedAt);
  if (wroteFirst) return none;
  const settings = scope.settings.automatic;
  const kind = intentKindFor(settings, scope.open, scope.settings.routing.mode === 'rules');
  if (kind === null) return none;
  if (kind === 'away') {
    const recent = scope.tx
      .select({ n: count() })
      .from(automaticMessages)
      .where(
        and(
          eq(automaticMessages.conversationId, after.id),
          eq(automaticMessages.kind, 'away'),
          inArray(automaticMessages.status, ['pending', 'leased', 'sent']),
          gt(automaticMessages.createdAt, scope.now - AWAY_EVERY_MS),
        ),
      )
      .get();
    if (recent && recent.n > 0) return none;
  }
  const template = kind === 'menu' ? menuMessage(settings.menu) : settings[kind].text;
  const row = scope.tx
    .insert(automaticMessages)
    .values({
      id: newId(),
      workspaceId: scope.workspaceId,
      conversationId: after.id,
      kind,
      text: personalise(template, after.title),
      episode: episodeOf(after),
      episodeStartedAt: after.episodeStartedAt,
      createdAt: scope.now,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!row) return none;
  scope.emit({ type: 'automatic.queued', conversationId: after.id, data: { automatic: summary(row) } });
  // The answer decides where the chat goes: it waits for it, but not for ever.
  const conversation =
    kind === 'menu' && after.assigneeId === null
      ? scope.tx.update(conversations).set({ routeAfter: scope.now + MENU_ANSWER_WAIT_MS }).where(eq(conversations.id, after.id)).returning().get()
      : after;
  return { conversation, queued: true };
}

/**
 * After an agent resolved a conversation (`before` to `after`, same transaction): the
 * satisfaction question, when it is on and a person answered the customer in that episode. Sent
 * no sooner than AFTER_REPLY_QUIET_MS after the last reply; its rating is credited to `resolverId`.
 * Returns whether one was queued.
 */
export function queueSatisfaction(db: Db, tx: Store, emit: Emit, before: ConversationRow, after: ConversationRow, resolverId: string, now: number): boolean {
  if (before.status === 'resolved' || after.status !== 'resolved' || before.firstReplyAt === null) return false;
  const settings = settingsOf(db, after.workspaceId).automatic.satisfaction;
  if (!settings.enabled) return false;
  const row = tx
    .insert(automaticMessages)
    .values({
      id: newId(),
      workspaceId: after.workspaceId,
      conversationId: after.id,
      kind: 'satisfaction',
      text: personalise(settings.text, after.title),
      episode: episodeOf(after),
      episodeStartedAt: before.episodeStartedAt ?? before.firstReplyAt,
      agentId: resolverId,
      sendAfter: Math.max(now, (after.lastOutboundAt ?? 0) + AFTER_REPLY_QUIET_MS),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!row) return false;
  emit({ type: 'automatic.queued', conversationId: after.id, data: { automatic: summary(row) } });
  return true;
}

/** Why an intent should no longer be sent, or null while it should (`open`: the business is open now). */
function moot(row: AutomaticRow, conversation: ConversationRow | undefined, now: number, open: boolean): string | null {
  if (!conversation) return 'conversation_gone';
  if (now - (row.sendAfter ?? row.createdAt) > AUTOMATIC_MAX_AGE_MS) return 'expired';
  if (row.kind === 'satisfaction') {
    // The customer wrote again: the conversation goes on, and "how did we do" would be early.
    return conversation.status !== 'resolved' || conversation.lastResolvedAt !== row.episode ? 'reopened' : null;
  }
  if (conversation.status === 'resolved' || episodeOf(conversation) !== row.episode) return 'resolved';
  // A human answered first: the greeting, menu or away message would come after the answer.
  if (conversation.firstReplyAt !== null) return 'replied';
  if (row.kind === 'away' && open) return 'opened';
  if (row.kind !== 'away' && !open) return 'closed';
  // Someone took the chat by hand: a menu would ask where it should go after it went.
  if (row.kind === 'menu' && conversation.assigneeId !== null) return 'assigned';
  return null;
}

/** A menu that will not be asked: the chat it held from routing is routed now, without an answer. */
function menuGivenUp(db: Db, tx: Store, emit: Emit, row: AutomaticRow, now: number): void {
  if (row.kind !== 'menu') return;
  const conversation = tx.select().from(conversations).where(eq(conversations.id, row.conversationId)).get();
  if (!conversation || conversation.assigneeId !== null || conversation.routeAfter === null) return;
  const free = tx.update(conversations).set({ routeAfter: null }).where(eq(conversations.id, conversation.id)).returning().get();
  routeWaiting(new RoutingScope(db, tx, emit, row.workspaceId, now), free, { mayWait: false });
}

/**
 * A menu or satisfaction question went out: the conversation shows it (ConversationView.question),
 * so every device knows a bare number from this customer now is its answer. The menu's chat
 * waits MENU_ANSWER_WAIT_MS from now for that answer.
 */
function questionAsked(db: Db, tx: Store, emit: Emit, row: AutomaticRow, now: number): void {
  if (!isQuestion(row.kind)) return;
  const conversation = tx.select().from(conversations).where(eq(conversations.id, row.conversationId)).get();
  if (!conversation) return;
  const current = row.kind === 'satisfaction' ? conversation.status === 'resolved' && conversation.lastResolvedAt === row.episode : episodeOf(conversation) === row.episode;
  if (!current) return;
  const options = row.kind === 'menu' ? settingsOf(db, row.workspaceId).automatic.menu.options.length : SATISFACTION_SCALE;
  const after = tx
    .update(conversations)
    .set({
      question: { kind: row.kind, automaticId: row.id, options, askedAt: now, answer: null, answeredAt: null },
      ...(row.kind === 'menu' && conversation.assigneeId === null ? { routeAfter: now + MENU_ANSWER_WAIT_MS } : {}),
    })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after), reason: 'question_asked' } });
}

function finish(tx: Store, emit: Emit, row: AutomaticRow, set: Partial<AutomaticRow>, type: string, extra: Record<string, unknown> = {}): AutomaticRow {
  const after = tx.update(automaticMessages).set(set).where(eq(automaticMessages.id, row.id)).returning().get();
  emit({ type, conversationId: after.conversationId, data: { automatic: summary(after), ...extra } });
  return after;
}

/**
 * Leases what waits in a workspace (pending intents, and leased ones whose lease ran out) to the
 * devices that said they can send, one device per intent: not the previous holder while another
 * is ready, preferably one nobody is typing at (shared/domain/automatic.ts chooseSender). Each
 * lease is written in a transaction, then `{type: 'automatic', intent}` goes to that device only.
 * An intent out of leases fails (`automatic.failed`); one no longer needed is cancelled
 * (`automatic.cancelled`); with no device ready it stays pending. `skip`: a device that just
 * reported a failure, asked again only by the clock (housekeeping), so a device that cannot send
 * does not burn every attempt in a second. Returns how many were leased.
 */
export function dispatchAutomatic(deps: Deps, workspaceId: string, skip: string | null = null): number {
  const now = deps.now();
  const sends = mutate(deps, { workspaceId, agentId: null, deviceId: null }, (tx, emit) => {
    const due = tx
      .select()
      .from(automaticMessages)
      .where(
        and(
          eq(automaticMessages.workspaceId, workspaceId),
          or(
            and(eq(automaticMessages.status, 'pending'), or(isNull(automaticMessages.sendAfter), lte(automaticMessages.sendAfter, now))),
            and(eq(automaticMessages.status, 'leased'), lte(automaticMessages.leaseUntil, now)),
          ),
        ),
      )
      .orderBy(asc(automaticMessages.createdAt))
      .all();
    if (!due.length) return [];
    const chats = new Map(
      tx
        .select()
        .from(conversations)
        .where(inArray(conversations.id, [...new Set(due.map((r) => r.conversationId))]))
        .all()
        .map((c) => [c.id, c]),
    );
    const leases = new Map(
      tx
        .select({ deviceId: automaticMessages.deviceId, n: count() })
        .from(automaticMessages)
        .where(and(eq(automaticMessages.workspaceId, workspaceId), eq(automaticMessages.status, 'leased'), gt(automaticMessages.leaseUntil, now)))
        .groupBy(automaticMessages.deviceId)
        .all()
        .map((r) => [r.deviceId, r.n]),
    );
    const open = isOpen(hoursAt(deps.db, workspaceId, now), now);
    const ready = deps.hub.readySenders(workspaceId).filter((r) => r.deviceId !== skip);
    const out: Array<{ deviceId: string; intent: AutomaticIntentView }> = [];
    for (const row of due) {
      const conversation = chats.get(row.conversationId);
      const why = moot(row, conversation, now, open);
      if (why !== null) {
        finish(tx, emit, row, { status: 'cancelled', leaseUntil: null, reason: why, doneAt: now }, 'automatic.cancelled', { reason: why });
        menuGivenUp(deps.db, tx, emit, row, now);
        continue;
      }
      if (row.attempts >= AUTOMATIC_MAX_ATTEMPTS) {
        const reason = row.status === 'leased' ? 'lease_expired' : (row.reason ?? 'failed');
        finish(tx, emit, row, { status: 'failed', leaseUntil: null, reason, doneAt: now }, 'automatic.failed', { reason });
        menuGivenUp(deps.db, tx, emit, row, now);
        continue;
      }
      const deviceId = chooseSender(
        ready.map((r) => ({ ...r, leases: leases.get(r.deviceId) ?? 0 })),
        row.deviceId,
      );
      if (deviceId === null) {
        // Nobody can send now: it waits for a device to say it is ready (the previous holder is kept, to be avoided).
        if (row.status === 'leased') tx.update(automaticMessages).set({ status: 'pending', leaseUntil: null }).where(eq(automaticMessages.id, row.id)).run();
        continue;
      }
      const leased = tx
        .update(automaticMessages)
        .set({ status: 'leased', deviceId, leaseUntil: now + AUTOMATIC_LEASE_MS, attempts: row.attempts + 1 })
        .where(and(eq(automaticMessages.id, row.id), eq(automaticMessages.status, row.status), eq(automaticMessages.attempts, row.attempts)))
        .returning()
        .get();
      if (!leased) continue;
      leases.set(deviceId, (leases.get(deviceId) ?? 0) + 1);
      emit({ type: 'automatic.leased', conversationId: leased.conversationId, data: { automatic: summary(leased), leaseUntil: iso(leased.leaseUntil) } });
      out.push({ deviceId, intent: intentView(leased, conversation!) });
    }
    return out;
  });
  // After the commit: the device acts on a lease the database already holds.
  for (const { deviceId, intent } of sends) deps.hub.sendToSender(workspaceId, deviceId, { type: 'automatic', intent });
  return sends.length;
}

/**
 * dispatchAutomatic after a change already committed (a request's answer, a socket's message): a
 * failure to lease is logged, never turned into an error for what did succeed; the clock retries.
 */
export function leaseWaiting(deps: Deps, workspaceId: string, skip: string | null = null): void {
  try {
    dispatchAutomatic(deps, workspaceId, skip);
  } catch (error) {
    console.error('[baton] leasing automatic messages failed; housekeeping will retry', error);
  }
}

/**
 * The device holding leases can no longer send (its WhatsApp tab closed, or it went away): its
 * leases end now instead of at their time, and go to another device. Safe even if it sent one
 * before it went: the next holder finds the bubble in the chat and reports `already_sent`.
 */
export function handBack(deps: Deps, workspaceId: string, deviceId: string): void {
  const now = deps.now();
  try {
    const ended = deps.db
      .update(automaticMessages)
      .set({ leaseUntil: now })
      .where(and(eq(automaticMessages.workspaceId, workspaceId), eq(automaticMessages.deviceId, deviceId), eq(automaticMessages.status, 'leased'), gt(automaticMessages.leaseUntil, now)))
      .run();
    if (ended.changes > 0) leaseWaiting(deps, workspaceId, deviceId);
  } catch (error) {
    console.error('[baton] handing back automatic messages failed; their leases run out instead', error);
  }
}

/** Workspaces with automatic messages waiting for a device, or whose lease ran out (housekeeping). */
export function tendAutomatic(deps: Deps): { automaticLeased: number } {
  const now = deps.now();
  const rows = deps.db
    .selectDistinct({ workspaceId: automaticMessages.workspaceId })
    .from(automaticMessages)
    .where(
      or(
        and(eq(automaticMessages.status, 'pending'), or(isNull(automaticMessages.sendAfter), lte(automaticMessages.sendAfter, now))),
        and(eq(automaticMessages.status, 'leased'), lte(automaticMessages.leaseUntil, now)),
      ),
    )
    .all();
  let automaticLeased = 0;
  for (const { workspaceId } of rows) automaticLeased += dispatchAutomatic(deps, workspaceId);
  return { automaticLeased };
}


/**
 * A device's report on an automatic message. The device holding a live lease decides it: sent
 * (or found sent) completes it, failed puts it back for another device until its attempts run out.
 * The same device repeating its last report changes nothing. The last holder's late success
 * (its lease ran out, nobody else holds one) is still taken: it is the truth, and saves another
 * device the look. Anything else is 409 `lease_lost`. Returns whether to lease again.
 */
export function reportResult(
  db: Db,
  tx: Store,
  emit: Emit,
  row: AutomaticRow,
  deviceId: string | null,
  report: AutomaticResultBody,
  now: number,
): 'applied' | 'replayed' | 'lease_lost' {
  const mine = deviceId !== null && row.deviceId === deviceId;
  const live = mine && row.status === 'leased' && row.leaseUntil !== null && row.leaseUntil > now;
  const success = report.outcome !== 'failed';
  if (!live) {
    // A retry of this device's last report (its answer was lost): the first one counted.
    if (deviceId !== null && row.reportedBy === deviceId && row.reportedOutcome === report.outcome) return 'replayed';
    if (!(mine && success && row.status !== 'sent')) return 'lease_lost';
  }
  const reported = { reportedBy: deviceId, reportedOutcome: report.outcome, leaseUntil: null };
  if (success) {
    finish(tx, emit, row, { ...reported, status: 'sent', doneAt: now, waMessageId: report.waMessageId ?? null, reason: null }, 'automatic.sent', {
      outcome: report.outcome,
      waMessageId: report.waMessageId ?? null,
    });
    questionAsked(db, tx, emit, row, now);
    return 'applied';
  }
  const reason = report.reason ?? 'failed';
  if (row.attempts >= AUTOMATIC_MAX_ATTEMPTS) {
    finish(tx, emit, row, { ...reported, status: 'failed', doneAt: now, reason }, 'automatic.failed', { reason });
    menuGivenUp(db, tx, emit, row, now);
  } else {
    tx.update(automaticMessages)
      .set({ ...reported, status: 'pending', reason })
      .where(and(eq(automaticMessages.id, row.id), ne(automaticMessages.status, 'sent')))
      .run();
  }
  return 'applied';
}
