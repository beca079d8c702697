import { and, eq, gt, isNull, min } from 'drizzle-orm';
import { Hono } from 'hono';
import { MessagesBody } from '../../shared/api';
import { afterCustomerMessage, afterReply, messagesAnsweredUntil } from '../../shared/domain/waiting';
import type { AppEnv, Deps } from '../deps';
import { workspaceConversations, type ConversationRow } from '../conversations';
import type { Store } from '../db/open';
import { requireAuth } from '../auth';
import { messages } from '../db/schema';
import { mutate } from '../events';
import { conversationView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import { changeStatus } from './conversations';
import { clocksAfter } from '../clocks';
import { afterCustomerWrote, RoutingScope } from '../routing';
import { leaseWaiting, queueAutomatic } from '../automatic';
import { recordAnswer } from '../answers';

/** The earliest recorded customer message nobody has answered yet (none: null). */
function earliestUnanswered(tx: Store, conversation: ConversationRow): number | null {
  const answered = messagesAnsweredUntil(conversation);
  const row = tx
    .select({ at: min(messages.at) })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, conversation.workspaceId),
        eq(messages.conversationId, conversation.id),
        eq(messages.direction, 'in'),
        ...(answered === null ? [] : [gt(messages.at, answered)]),
      ),
    )
    .get();
  return row?.at ?? null;
}

/**
 * Message reports from the devices: metadata only (never the text). Every device reports what it
 * sees, so each message arrives up to four times and is recorded once; the device whose agent
 * sent a reply says so (`sentByMe`), and that credits the reply to the agent whenever it arrives.
 * A customer message older than the last resolution is history: recorded, but it reopens nothing
 * and starts no clock (shared/domain/waiting.ts). A real message takes a chat list signal's place.
 */
export const messageRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/messages', requireAuth(deps), jsonBody(MessagesBody), (c) => {
    const auth = c.get('auth');
    const reports = c.req.valid('json').messages;
    let queued = false;
    const result = mutate(deps, auth, (tx, emit) => {
      const found = workspaceConversations(tx, auth.workspaceId, reports.map((m) => m.conversationId));
      const scope = new RoutingScope(deps.db, tx, emit, auth.workspaceId, deps.now());

      let recorded = 0;
      for (const report of reports) {
        const at = Date.parse(report.at);
        // Baton's automatic messages are nobody's, whichever device sent them.
        const agentId = report.direction === 'out' && report.sentByMe && !report.automatic ? auth.agentId : null;
        const inserted = tx
          .insert(messages)
          .values({
            workspaceId: auth.workspaceId,
            conversationId: report.conversationId,
            waMessageId: report.waMessageId,
            direction: report.direction,
            at,
            timeSource: report.timeSource,
            media: report.media,
            agentId,
            automatic: report.automatic ?? null,
          })
          .onConflictDoNothing()
          .returning()
          .get();
        if (!inserted) {
          // Seen before, and now read as the answer to a question that reached this device late.
          if (report.direction === 'in' && report.answer !== undefined) {
            found.set(report.conversationId, recordAnswer(scope, found.get(report.conversationId)!, report.answer, at).conversation);
          }
          // Seen before. If this is the sender's device, credit the reply it sent.
          if (agentId) {
            const credited = tx
              .update(messages)
              .set({ agentId })
              .where(
                and(
                  eq(messages.workspaceId, auth.workspaceId),
                  eq(messages.conversationId, report.conversationId),
                  eq(messages.waMessageId, report.waMessageId),
                  eq(messages.direction, 'out'),
                  isNull(messages.agentId),
                ),
              )
              .returning()
              .get();
            if (credited) {
              emit({
                type: 'message.credited',
                conversationId: report.conversationId,
                data: { waMessageId: report.waMessageId, agentId },
              });
            }
          }
          continue;
        }
        recorded++;
        let conversation = found.get(report.conversationId)!;
        const created = () =>
          emit({
            type: 'message.created',
            conversationId: conversation.id,
            data: {
              waMessageId: report.waMessageId,
              direction: report.direction,
              at: report.at,
              agentId,
              ...(report.automatic ? { automatic: report.automatic } : {}),
              conversation: conversationView(conversation),
            },
          });
        // Baton's own greeting, away, menu or satisfaction message: recorded, never a reply, stops no clock.
        if (report.automatic) {
          created();
          continue;
        }
        // The customer's answer to the menu or the satisfaction question (a number, read in the browser).
        if (report.direction === 'in' && report.answer !== undefined) {
          const answered = recordAnswer(scope, conversation, report.answer, at);
          conversation = answered.conversation;
          found.set(conversation.id, conversation);
          if (answered.absorbed) {
            created();
            continue;
          }
        }
        const before = conversation;
        const clock =
          report.direction === 'in'
            ? afterCustomerMessage(conversation, at, () => earliestUnanswered(tx, conversation))
            : afterReply(conversation, at, (after) => earliestUnanswered(tx, { ...conversation, ...after }));
        const { status, waitingSince, waitingSource, lastInboundAt, lastOutboundAt } = clock;
        // A customer writing again reopens a resolved or snoozed conversation (not one scrolled up to).
        const reopened = status !== conversation.status ? { snoozedUntil: null } : {};
        conversation = changeStatus(tx, emit, conversation, status, deps.now(), { waitingSince, waitingSource, lastInboundAt, lastOutboundAt, ...reopened }, 'customer_wrote');
        conversation = clocksAfter(scope, before, conversation);
        if (report.direction === 'in') {
          // Before routing: a triage menu holds the chat for its answer.
          const automatic = queueAutomatic(scope, before, conversation);
          if (automatic.queued) queued = true;
          conversation = afterCustomerWrote(scope, before, automatic.conversation);
        }
        found.set(conversation.id, conversation);
        created();
      }
      return { recorded, duplicates: reports.length - recorded };
    });
    // The greeting or away message this started goes to a device that can send, once committed.
    if (queued) leaseWaiting(deps, auth.workspaceId);
    return c.json(result);
  });
