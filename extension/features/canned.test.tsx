// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { conversation, loadFixture, testContext, teamView } from '../sidebar/testing';
import { readCompose } from '../whatsapp/compose';
import { start as startLock } from './send-lock';
import { Canned, fillVariables, slashQuery, start } from './canned';

/** A Lexical-like box: text arrives only through `beforeinput`, replacing the selection. */
function fakeEditor(box: HTMLElement, initial: string) {
  box.innerHTML = `<p><span>${initial}</span></p>`;
  box.addEventListener('beforeinput', (event) => {
    const e = event as InputEvent;
    e.preventDefault();
    const sel = document.getSelection()!;
    const range = sel.rangeCount && box.contains(sel.getRangeAt(0).startContainer) ? sel.getRangeAt(0) : null;
    const span = box.querySelector('span')!;
    if (range) {
      range.deleteContents();
      range.insertNode(document.createTextNode(e.data ?? ''));
    } else span.append(e.data ?? '');
    span.normalize();
  });
}

const wait = () => new Promise((resolve) => setTimeout(resolve, 40));

describe('canned responses', () => {
  it('reads the shortcut and fills the variables', () => {
    expect(slashQuery('/ho')).toBe('ho');
    expect(slashQuery('Hello /hours')).toBe('hours');
    expect(slashQuery('a/b')).toBeNull();
    expect(fillVariables('Hi {{name}}, {{ agent }} here', { name: 'Ana', agent: 'Bruno' })).toBe('Hi Ana, Bruno here');
  });

  it('opens a picker on /shortcut, and Enter replaces the shortcut with the filled text without sending', async () => {
    loadFixture('gen2026-pt');
    const box = document.querySelector('footer [contenteditable]') as HTMLElement;
    fakeEditor(box, 'Olá! /ho');
    const sent: string[] = [];
    box.addEventListener('keydown', (e) => e.key === 'Enter' && sent.push('sent'));
    const context = testContext({
      view: teamView({
        conversations: [conversation('c1', 'Ana Cliente', { assignee: 'bruno' })],
        cannedResponses: [
          { id: 'r1', shortcut: 'hours', text: 'Hi {{name}}, we open 9-18. {{agent}}', updatedAt: '' },
          { id: 'r2', shortcut: 'hold', text: 'One moment', updatedAt: '' },
          { id: 'r3', shortcut: 'bye', text: 'Bye', updatedAt: '' },
        ],
      }),
    });
    const controller = new AbortController();
    start(context, controller.signal);
    startLock(context, controller.signal);
    context.chat.set({ title: 'Ana Cliente', jid: null, conversationId: 'c1' });
    const root = document.createElement('div');
    document.body.append(root);
    act(() => render(<Canned context={context} />, root));
    act(() => context.compose.set('Olá! /ho'));
    const options = [...root.querySelectorAll('[data-baton-canned-option]')].map((o) => o.getAttribute('data-baton-canned-option'));
    expect(options).toEqual(['hold', 'hours']);
    act(() => void box.querySelector('span')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true })));
    act(() => void box.querySelector('span')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    await wait();
    expect(readCompose(box)).toBe('Olá! Hi Ana Cliente, we open 9-18. Bruno Costa');
    expect(sent).toEqual([]);
    expect(root.querySelector('[data-baton-canned]')).toBeNull();
    controller.abort();
  });

  it('inserts on click', async () => {
    loadFixture('gen2026-pt');
    const box = document.querySelector('footer [contenteditable]') as HTMLElement;
    fakeEditor(box, '/by');
    const context = testContext({ view: teamView({ cannedResponses: [{ id: 'r3', shortcut: 'bye', text: 'Bye {{name}}', updatedAt: '' }] }) });
    const controller = new AbortController();
    start(context, controller.signal);
    context.chat.set({ title: 'Loja do Zé', jid: null, conversationId: null });
    const root = document.createElement('div');
    act(() => render(<Canned context={context} />, root));
    act(() => context.compose.set('/by'));
    act(() => (root.querySelector('[data-baton-canned-option="bye"]') as HTMLElement).click());
    await wait();
    expect(readCompose(box)).toBe('Bye Loja do Zé');
    controller.abort();
  });

  it('replaces the whole shortcut when a key typed just before the choice is not read yet', async () => {
    loadFixture('gen2026-pt');
    const box = document.querySelector('footer [contenteditable]') as HTMLElement;
    fakeEditor(box, '/bye');
    const context = testContext({ view: teamView({ cannedResponses: [{ id: 'r3', shortcut: 'bye', text: 'Bye {{name}}', updatedAt: '' }] }) });
    const controller = new AbortController();
    start(context, controller.signal);
    context.chat.set({ title: 'Loja do Zé', jid: null, conversationId: null });
    const root = document.createElement('div');
    act(() => render(<Canned context={context} />, root));
    act(() => context.compose.set('/by')); // the last frame's reading: the "e" is in the box, not here
    act(() => (root.querySelector('[data-baton-canned-option="bye"]') as HTMLElement).click());
    await wait();
    expect(readCompose(box)).toBe('Bye Loja do Zé');
    controller.abort();
  });
});
