// The customer's answer to a question Baton asked (issue #8): a number from 1 to 9, read in the
// browser from a message that is nothing but that number, and sent only while the conversation
// shows the question (ConversationView.question). Four devices, and the chat list as well as the
// open chat, report the same answer: the first copy counts, the others change nothing.
import { and, eq } from 'drizzle-orm';
import { ANSWER_CLOCK_SLACK_MS, SATISFACTION_ANSWER_WINDOW_MS } from '../shared/domain/automatic';
import { automaticMessages, conversations } from './db/schema';
import type { ConversationRow } from './conversations';
import { conversationView } from './lib/views';
import { routeWaiting, type RoutingScope } from './routing';

export interface Answered {
  conversation: ConversationRow;
  /**
   * The message was the satisfaction rating, and nothing more: it does not reopen the resolved
   * conversation or start a clock (a "5" is not a new request). A menu answer is a customer
   * message like any other, so it is never absorbed.
   */
  absorbed: boolean;
}

/**
 * Applies a reported answer, written `at` (the message's time, or when a device saw the row).
 * A menu answer records the option on the conversation's triage and routes the chat by the
 * option's skill group at once; a satisfaction digit is recorded against the agent who resolved
 * the episode (`satisfaction.rated`). A number written before the question, after the rating
 * window, or out of range is not an answer.
 */
export function recordAnswer(scope: RoutingScope, conversation: ConversationRow, answer: number, at: number): Answered {
  const question = conversation.question;
  const unchanged = { conversation, absorbed: false };
  if (!question || answer > question.options || at < question.askedAt - ANSWER_CLOCK_SLACK_MS) return unchanged;
  if (question.answer !== null) {
    // Another copy of the rating already recorded (another device, or the message after its row).
    const copy = question.kind === 'satisfaction' && answer === question.answer && at <= question.answeredAt! + ANSWER_CLOCK_SLACK_MS;
    return { conversation, absorbed: copy };
  }
  const { tx, emit, now } = scope;
  const answeredAt = Math.min(Math.max(at, question.askedAt), now);
  if (question.kind === 'satisfaction') {
    if (at > question.askedAt + SATISFACTION_ANSWER_WINDOW_MS || conversation.status !== 'resolved') return unchanged;
    const asked = tx
      .update(automaticMessages)
      .set({ answer, answeredAt })
      .where(and(eq(automaticMessages.id, question.automaticId), eq(automaticMessages.conversationId, conversation.id)))
      .returning()
      .get();
    const after = tx
      .update(conversations)
      .set({ question: { ...question, answer, answeredAt } })
      .where(eq(conversations.id, conversation.id))
      .returning()
      .get();
    emit({
      type: 'satisfaction.rated',
      conversationId: after.id,
      data: { rating: answer, agentId: asked?.agentId ?? null, askedAt: new Date(question.askedAt).toISOString(), conversation: conversationView(after) },
    });
    return { conversation: after, absorbed: true };
  }
  // The menu: only in the episode it was asked in.
  if (conversation.status === 'resolved' || conversation.triage?.menuOption !== undefined) return unchanged;
  const option = scope.settings.automatic.menu.options[answer - 1];
  tx.update(automaticMessages).set({ answer, answeredAt }).where(eq(automaticMessages.id, question.automaticId)).run();
  const triage = conversation.triage ?? { ruleIds: [], language: null, at: now };
  const after = tx
    .update(conversations)
    .set({ question: { ...question, answer, answeredAt }, triage: { ...triage, menuOption: answer }, routeAfter: null, updatedAt: now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  emit({
    type: 'menu.answered',
    conversationId: after.id,
    data: { conversation: conversationView(after), option: answer, label: option?.label ?? null, skill: option?.skill ?? null },
  });
  return { conversation: after.assigneeId === null ? routeWaiting(scope, after, { mayWait: false }) : after, absorbed: false };
}
