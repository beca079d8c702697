// Automatic messages (issue #8): when the coordinator leases one to this device, this tab opens
// the chat, looks whether the message is there already (an earlier holder sent it and then died
// before saying so), and only if not, types it and sends it; then reports, and goes back to the
// chat the agent had open. The send lock lets it through, and nobody is credited with it: every
// device marks an outgoing bubble showing one of the workspace's automatic texts as automatic.
import type { AutomaticIntentView, QuestionView } from '../../shared/api';
import { ANSWER_CLOCK_SLACK_MS, matchesTemplate, menuMessage, type AutomaticKind } from '../../shared/domain/automatic';
import { menuChoice } from '../../shared/domain/rules';
import { normalizeTitle } from '../../shared/domain/identity';
import type { ProtocolMap } from '../messaging';
import type { SidebarContext } from '../sidebar/context';
import { useStore } from '../sidebar/store';
import { bubbleText, findBubble, sameText } from '../whatsapp/bubble-text';
import { findCompose, findSendButton, insertText, readCompose } from '../whatsapp/compose';
import type { ChatMessage } from '../whatsapp/open-chat';
import { openChatByTitle } from './queue';
import { automaticWord } from './open-chat';

export const id = 'automatic-sender';

/** How long each step may take: the chat opening, its messages being read, the bubble appearing. */
export const OPEN_TIMEOUT_MS = 8_000;
export const SENT_TIMEOUT_MS = 10_000;
/** Device clocks differ: a bubble this much older than the decision still counts as it. */
const CLOCK_SLACK_MS = 2 * 60_000;
/** Not started this close to the lease's end: the next holder would find it half done. */
const LEASE_MARGIN_MS = 5_000;
/**
 * Taking over from an earlier holder, look only after this long: a message it sent just before
 * it stopped may still be on its way to this device (WhatsApp shows it on the sender at once, on
 * the other devices after a round trip).
 */
export const TAKEOVER_SETTLE_MS = 5_000;

type Result = ProtocolMap['automaticResult']['args'];

/** The kind of automatic message an outgoing bubble shows, or undefined for a person's message. */
export function automaticKindOf(context: SidebarContext, message: Pick<ChatMessage, 'dataId' | 'direction'>): AutomaticKind | undefined {
  const settings = context.team.get().view?.automatic;
  if (!settings || message.direction !== 'out') return undefined;
  const bubble = findBubble(context.page.doc, message.dataId);
  const text = bubble && bubbleText(bubble, context.page.landmarks());
  if (!text) return undefined;
  // Disabled ones too: a greeting sent last week is still nobody's reply. Any name in `{{name}}`.
  if (matchesTemplate(text, settings.greeting.text)) return 'greeting';
  if (matchesTemplate(text, settings.away.text)) return 'away';
  if (matchesTemplate(text, menuMessage(settings.menu))) return 'menu';
  if (matchesTemplate(text, settings.satisfaction.text)) return 'satisfaction';
  return undefined;
}

/**
 * The customer's answer to the question the conversation shows (the menu, the satisfaction
 * question): the number an incoming bubble written since it was asked consists of, or undefined.
 * Read here, in the page; only the number is reported. Nothing is read when no question is asked.
 */
export function answerOf(context: SidebarContext, question: QuestionView | null | undefined, message: Pick<ChatMessage, 'dataId' | 'direction' | 'at'>): number | undefined {
  if (!question || message.direction !== 'in') return undefined;
  // A menu answered already: a later number is just a message. A rating may arrive again (another copy).
  if (question.answer !== null && question.kind === 'menu') return undefined;
  if (message.at < Date.parse(question.askedAt) - ANSWER_CLOCK_SLACK_MS) return undefined;
  const bubble = findBubble(context.page.doc, message.dataId);
  const text = bubble && bubbleText(bubble, context.page.landmarks());
  return (text && menuChoice(text, question.options)) || undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) return null;
    await sleep(50);
  }
}

export function start(context: SidebarContext, signal: AbortSignal): void {
  const { doc } = context.page;
  // The open chat's messages as the adapter decided them, since it opened.
  let seen: { title: string; messages: Map<string, ChatMessage> } | null = null;
  context.pageEvents.subscribe((event) => {
    if (event.type === 'chatOpened') seen = { title: event.title, messages: new Map() };
    if (event.type !== 'messages') return;
    if (!seen || seen.title !== event.title) seen = { title: event.title, messages: new Map() };
    for (const message of event.messages) seen.messages.set(message.dataId, message);
  }, signal);

  const isTarget = (intent: AutomaticIntentView) => {
    const chat = context.chat.get();
    return !!chat && chat.conversationId === intent.conversationId;
  };
  /** An outgoing bubble in the open chat showing the intent's text, written since it was decided. */
  const sentAlready = (intent: AutomaticIntentView): ChatMessage | null => {
    if (!seen || normalizeTitle(seen.title) !== normalizeTitle(intent.chat.title)) return null;
    const since = Date.parse(intent.createdAt) - CLOCK_SLACK_MS;
    for (const message of seen.messages.values()) {
      if (message.direction !== 'out' || message.at < since) continue;
      const bubble = findBubble(doc, message.dataId);
      const text = bubble && bubbleText(bubble, context.page.landmarks());
      if (text && sameText(text, intent.text)) return message;
    }
    return null;
  };

  async function deliver(intent: AutomaticIntentView): Promise<Result> {
    const fail = (reason: string): Result => ({ id: intent.id, outcome: 'failed', reason });
    if (Date.parse(intent.leaseUntil) - Date.now() < LEASE_MARGIN_MS) return fail('the lease was about to end');
    // The agent is writing: another device may be free (the coordinator asks one).
    if (context.compose.get().trim()) return fail('the agent is typing');
    if (!isTarget(intent)) {
      if (!(await openChatByTitle(context.page, intent.chat.title, intent.chat.avatar ?? undefined))) return fail('chat not found');
      if (!(await waitFor(() => isTarget(intent), OPEN_TIMEOUT_MS))) return fail('the chat did not open');
    }
    // Its messages are read within a frame or two of opening; give the reader that long.
    await waitFor(() => seen && normalizeTitle(seen.title) === normalizeTitle(intent.chat.title) && seen.messages.size > 0, 1_500);
    if (intent.attempt > 1) await sleep(TAKEOVER_SETTLE_MS);
    const already = sentAlready(intent);
    if (already) return { id: intent.id, outcome: 'already_sent', waMessageId: already.id };
    const landmarks = context.page.landmarks();
    const box = findCompose(doc, landmarks);
    if (!box) return fail('no message box');
    if (readCompose(box).trim()) return fail('a draft is in the message box');
    await insertText(box, intent.text);
    const button = await waitFor(() => findSendButton(doc, context.page.landmarks()), 2_000);
    if (!button) return fail('no send button');
    button.click();
    const sent = await waitFor(() => sentAlready(intent), SENT_TIMEOUT_MS);
    return sent ? { id: intent.id, outcome: 'sent', waMessageId: sent.id } : fail('not seen sent');
  }

  // One at a time: each takes over the open chat for a moment.
  let queue = Promise.resolve();
  context.automaticIntents.subscribe((intent) => {
    queue = queue.then(async () => {
      if (signal.aborted) return;
      const previous = context.chat.get();
      context.automaticSending.set(intent);
      let result: Result;
      try {
        result = await deliver(intent);
      } catch (error) {
        result = { id: intent.id, outcome: 'failed', reason: error instanceof Error ? error.message.slice(0, 200) : 'error' };
      } finally {
        context.automaticSending.set(null);
      }
      await context.send('automaticResult', result).catch(() => undefined);
      // Back to where the agent was.
      if (previous && previous.conversationId !== intent.conversationId) await openChatByTitle(context.page, previous.title, previous.avatar ?? undefined).catch(() => false);
    });
  }, signal);
}

/** While Baton sends an automatic message here, the agent sees why the chat changed. */
export function AutomaticSender({ context }: { context: SidebarContext }) {
  const sending = useStore(context.automaticSending);
  if (!sending) return null;
  return (
    <div class="baton-banner baton-automatic" role="status" data-baton-automatic={sending.kind}>
      {context.t('automaticSending', [automaticWord(context.t, sending.kind), sending.chat.title])}
    </div>
  );
}
