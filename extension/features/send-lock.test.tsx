// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { conversation, loadFixture, recordingSend, testContext, teamView } from '../sidebar/testing';
import { SendLock, start } from './send-lock';

function setup(assignee: string | null, role: 'agent' | 'owner' = 'agent') {
  loadFixture('gen2026-pt');
  const compose = document.querySelector('footer [contenteditable]') as HTMLElement;
  compose.innerHTML = '<p><span>Bom dia!</span></p>';
  const sendButton = document.querySelector('[data-testid="send"]') as HTMLElement;
  const sent: string[] = [];
  // WhatsApp's own handlers, on the elements, as the page registers them.
  compose.addEventListener('keydown', (e) => e.key === 'Enter' && sent.push('enter'));
  sendButton.addEventListener('click', () => sent.push('click'));
  const recorder = recordingSend();
  const view = teamView({ conversations: [conversation('c1', 'Ana Cliente', { assignee })] });
  view.me = { ...view.me!, role };
  const context = testContext({ view, send: recorder.send });
  const controller = new AbortController();
  start(context, controller.signal);
  context.chat.set({ title: 'Ana Cliente', jid: null, conversationId: 'c1' });
  const root = document.createElement('div');
  act(() => render(<SendLock context={context} />, root));
  const enter = () => {
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    compose.querySelector('span')!.dispatchEvent(event);
    return event;
  };
  return { context, recorder, sent, enter, sendButton, root, controller };
}

describe('send lock, presence and crediting', () => {
  beforeEach(() => document.body.replaceChildren());

  it("stops Enter and the send button on someone else's chat, and offers to ask for it", () => {
    const { sent, enter, sendButton, root, recorder, controller } = setup('ana');
    let event!: KeyboardEvent;
    act(() => void (event = enter()));
    act(() => sendButton.click());
    expect(sent).toEqual([]);
    expect(event.defaultPrevented).toBe(true);
    const notice = root.querySelector('[data-baton-send-lock]')!;
    expect(notice.textContent).toContain('Ana Lima owns this chat: your message was not sent');
    expect(notice.querySelector('[data-baton-lock-action="takeover"]')).toBeNull();
    act(() => (notice.querySelector('[data-baton-lock-action="ask"]') as HTMLElement).click());
    expect(recorder.of('act')).toContainEqual({ type: 'note', conversationId: 'c1', text: '@Ana Lima could you transfer this chat to me?' });
    expect(recorder.of('act').some((a) => a.type === 'claim')).toBe(false);
    controller.abort();
  });

  it('lets an owner take over', () => {
    const { enter, root, recorder, controller } = setup('ana', 'owner');
    act(() => void enter());
    act(() => (root.querySelector('[data-baton-lock-action="takeover"]') as HTMLElement).click());
    expect(recorder.of('act')).toContainEqual({ type: 'assign', conversationId: 'c1', to: 'bruno' });
    controller.abort();
  });

  it('lets the send through on my chat, and on an unassigned one claims it first', () => {
    const mine = setup('bruno');
    act(() => void mine.enter());
    expect(mine.sent).toEqual(['enter']);
    expect(mine.recorder.of('act')).toEqual([]);
    mine.controller.abort();

    const free = setup(null);
    act(() => free.sendButton.click());
    expect(free.sent).toEqual(['click']);
    expect(free.recorder.of('act')).toEqual([{ type: 'claim', conversationId: 'c1' }]);
    expect(free.root.querySelector('[data-baton-send-lock]')).toBeNull();
    free.controller.abort();
  });

  it('credits the reply that appears after a send, and reports every other message as seen', () => {
    const { enter, context, recorder, controller } = setup('bruno');
    const message = (id: string, direction: 'in' | 'out') => ({ id, dataId: id, direction, evidence: 'tail' as const, at: Date.now(), timeSource: 'label' as const, media: false, author: null, participant: null });
    context.pageEvents.emit({ type: 'messages', title: 'Ana Cliente', jid: null, avatar: null, namesakes: false, undecided: 0, messages: [message('m1', 'in'), message('m2', 'out')], initial: true });
    act(() => void enter());
    context.pageEvents.emit({ type: 'messages', title: 'Ana Cliente', jid: null, avatar: null, namesakes: false, undecided: 0, messages: [message('m3', 'out')], initial: false });
    context.pageEvents.emit({ type: 'messages', title: 'Ana Cliente', jid: null, avatar: null, namesakes: false, undecided: 0, messages: [message('m4', 'out')], initial: false });
    const seen = recorder.of('messagesSeen').flat();
    expect(seen.map((m) => [m.waMessageId, m.direction, m.sentByMe])).toEqual([
      ['m1', 'in', false],
      ['m2', 'out', false],
      ['m3', 'out', true],
      ['m4', 'out', false], // sent from the phone or another device: not mine
    ]);
    expect(JSON.stringify(seen)).not.toContain('Bom dia');
    controller.abort();
  });

  it('reports viewing, typing and idle on change only', () => {
    const { context, recorder, controller } = setup('bruno');
    context.compose.set('Bom');
    context.compose.set('Bom dia');
    context.compose.set('');
    context.chat.set(null);
    expect(recorder.of('presence').map((p) => p.state)).toEqual(['viewing', 'typing', 'viewing', 'idle']);
    controller.abort();
  });
});
