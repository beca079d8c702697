// @vitest-environment jsdom
// The automatic sender on today's page (gen2026b-en: Maria's chat open, two of our bubbles in it).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomaticIntentView, QuestionView } from '../../shared/api';
import type { SidebarContext } from '../sidebar/context';
import { conversation, loadFixture, recordingSend, testContext, teamView } from '../sidebar/testing';
import { readCompose } from '../whatsapp/compose';
import type { ChatMessage } from '../whatsapp/open-chat';
import { AutomaticSender, start, TAKEOVER_SETTLE_MS } from './automatic-sender';
import { start as startSendLock } from './send-lock';
import { DEFAULT_AUTOMATIC } from '../../shared/settings';

const OURS = { id: 'A5E1C0FFEE12345678901234567890AB', text: 'Hi Maria! How can I help?' };
const OTHER_OURS = 'A5E2D00D0012345678901234567890CD';

const message = (dataId: string, at: number): ChatMessage => ({
  id: dataId,
  dataId,
  direction: 'out',
  evidence: null,
  at,
  timeSource: 'meta',
  media: false,
  author: null,
  participant: null,
});

function setup(automatic?: { greeting: string; away: string }, question: QuestionView | null = null) {
  loadFixture('gen2026b-en');
  const recorder = recordingSend();
  const view = teamView({
    conversations: [conversation('c1', 'Maria Silva', { question })],
    automatic: automatic ? { ...DEFAULT_AUTOMATIC, greeting: { enabled: true, text: automatic.greeting }, away: { enabled: false, text: automatic.away } } : null,
  });
  const context = testContext({ view, send: recorder.send });
  const controller = new AbortController();
  start(context, controller.signal);
  context.chat.set({ title: 'Maria Silva', jid: null, conversationId: 'c1' });
  return { context, recorder, controller };
}

const messages = (context: SidebarContext, list: ChatMessage[], initial = true) =>
  context.pageEvents.emit({ type: 'messages', title: 'Maria Silva', jid: null, avatar: null, namesakes: false, messages: list, initial, undecided: 0 });

function intent(text: string, extra: Partial<AutomaticIntentView> = {}): AutomaticIntentView {
  return {
    id: 'am1',
    conversationId: 'c1',
    kind: 'greeting',
    text,
    chat: { title: 'Maria Silva', jid: null, avatar: null },
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    leaseUntil: new Date(Date.now() + 60_000).toISOString(),
    attempt: 1,
    ...extra,
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('automatic sender', () => {
  let controller: AbortController | undefined;
  afterEach(() => controller?.abort());

  it('finds the message already in the chat (an earlier holder sent it), reports it, and types nothing', async () => {
    const s = setup();
    controller = s.controller;
    messages(s.context, [message(OURS.id, Date.now() - 30_000), message(OTHER_OURS, Date.now() - 20_000)]);
    s.context.automaticIntents.emit(intent(OURS.text.replace(' ', '  ')));
    await until(() => s.recorder.of('automaticResult').length > 0);
    expect(s.recorder.of('automaticResult')).toEqual([{ id: 'am1', outcome: 'already_sent', waMessageId: OURS.id }]);
    expect(readCompose(document.querySelector('footer [contenteditable]')!).trim()).toBe('');
  });

  it('taking over from an earlier holder, looks only after 5 seconds (its message may still be on its way)', async () => {
    expect(TAKEOVER_SETTLE_MS).toBe(5_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const s = setup();
      controller = s.controller;
      messages(s.context, [message(OURS.id, Date.now() - 30_000)]);
      s.context.automaticIntents.emit(intent(OURS.text, { attempt: 2 }));
      await vi.advanceTimersByTimeAsync(TAKEOVER_SETTLE_MS - 100);
      expect(s.recorder.of('automaticResult')).toEqual([]);
      await vi.advanceTimersByTimeAsync(200);
      expect(s.recorder.of('automaticResult')).toEqual([{ id: 'am1', outcome: 'already_sent', waMessageId: OURS.id }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a bubble with that text from before the decision is an earlier message, not this one', async () => {
    const s = setup();
    controller = s.controller;
    messages(s.context, [message(OURS.id, Date.now() - 10 * 60_000)]);
    // Nothing can be typed here (no editor in jsdom): it reports the failure, the coordinator asks again.
    s.context.automaticIntents.emit(intent(OURS.text));
    await until(() => s.recorder.of('automaticResult').length > 0);
    expect(s.recorder.of('automaticResult')[0]).toMatchObject({ id: 'am1', outcome: 'failed' });
  });

  it('leaves it to another device while the agent is typing, or when the lease is about to end', async () => {
    const s = setup();
    controller = s.controller;
    s.context.compose.set('Olá, um momento');
    s.context.automaticIntents.emit(intent('Hello!'));
    await until(() => s.recorder.of('automaticResult').length > 0);
    s.context.compose.set('');
    s.context.automaticIntents.emit(intent('Hello!', { id: 'am2', leaseUntil: new Date(Date.now() + 2_000).toISOString() }));
    await until(() => s.recorder.of('automaticResult').length > 1);
    expect(s.recorder.of('automaticResult')).toEqual([
      { id: 'am1', outcome: 'failed', reason: 'the agent is typing' },
      { id: 'am2', outcome: 'failed', reason: 'the lease was about to end' },
    ]);
  });

  it('says in the sidebar what it is doing while it sends', () => {
    const s = setup();
    controller = s.controller;
    const root = document.createElement('div');
    act(() => render(<AutomaticSender context={s.context} />, root));
    expect(root.textContent).toBe('');
    act(() => s.context.automaticSending.set(intent('Hello!', { kind: 'away' })));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Sending the away message to Maria Silva…');
  });

  it('every device reports a bubble showing an automatic text as automatic, credited to nobody', async () => {
    const s = setup({ greeting: OURS.text, away: 'We are closed now.' });
    controller = s.controller;
    startSendLock(s.context, s.controller.signal);
    messages(s.context, [message(OURS.id, Date.now()), message(OTHER_OURS, Date.now())], false);
    const seen = s.recorder.of('messagesSeen').flat();
    expect(seen.map((m) => [m.waMessageId, m.automatic ?? null, m.sentByMe])).toEqual([
      [OURS.id, 'greeting', false],
      [OTHER_OURS, null, false],
    ]);
  });

  it('a bubble showing the menu or the satisfaction question, sent with any name, is automatic too', () => {
    const s = setup({ greeting: 'Hello {{name}}!', away: 'We are closed now.' });
    controller = s.controller;
    const settings = s.context.team.get().view!.automatic!;
    settings.menu = { enabled: true, text: 'Hi {{name}}! Pick one:', options: [{ label: 'Sales', skill: 'sales' }, { label: 'Support', skill: 'support' }] };
    startSendLock(s.context, s.controller.signal);
    const bubbles = [OURS.id, OTHER_OURS].map((id) => document.querySelector(`[data-id="${id}"] .selectable-text`)!);
    bubbles[0]!.textContent = 'Hi Maria Silva! Pick one: 1 Sales, 2 Support';
    bubbles[1]!.textContent = settings.satisfaction.text;
    messages(s.context, [message(OURS.id, Date.now()), message(OTHER_OURS, Date.now())], false);
    expect(s.recorder.of('messagesSeen').flat().map((m) => m.automatic ?? null)).toEqual(['menu', 'satisfaction']);
  });

  describe('the answer to a question', () => {
    const ANSWER_ID = '3AE0F1A2B3C4D5E6F7A8';
    const asked = (kind: QuestionView['kind'], extra: Partial<QuestionView> = {}): QuestionView => ({
      kind,
      options: kind === 'menu' ? 3 : 5,
      askedAt: new Date(Date.now() - 60_000).toISOString(),
      answer: null,
      answeredAt: null,
      ...extra,
    });
    const incoming = (at: number): ChatMessage => ({ ...message(ANSWER_ID, at), direction: 'in' });
    const reported = (question: QuestionView | null, text: string, at = Date.now()) => {
      const s = setup({ greeting: 'Hello!', away: 'Closed.' }, question);
      controller = s.controller;
      startSendLock(s.context, s.controller.signal);
      document.querySelector(`[data-id="${ANSWER_ID}"] .selectable-text`)!.textContent = text;
      messages(s.context, [incoming(at)], false);
      const seen = s.recorder.of('messagesSeen').flat();
      s.controller.abort();
      return seen.map((m) => m.answer ?? null);
    };

    it('is the number a customer bubble consists of, reported while the conversation asks for it', () => {
      expect(reported(asked('menu'), ' 2. ')).toEqual([2]);
      expect(reported(asked('satisfaction'), '5')).toEqual([5]);
      expect(reported(asked('satisfaction'), '٤')).toEqual([4]);
    });

    it('is nothing without a question, outside its range, in a sentence, or written before it was asked', () => {
      expect(reported(null, '2')).toEqual([null]);
      expect(reported(asked('menu'), '4')).toEqual([null]);
      expect(reported(asked('menu'), '2 please')).toEqual([null]);
      expect(reported(asked('menu'), '2', Date.now() - 10 * 60_000)).toEqual([null]);
      // A menu answered already: a later number is just a message.
      expect(reported(asked('menu', { answer: 1, answeredAt: new Date().toISOString() }), '2')).toEqual([null]);
    });
  });
});
