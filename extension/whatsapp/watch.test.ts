// @vitest-environment jsdom
// The watcher turns DOM changes into events, re-reading only the part of the page that changed,
// and never reacting to what Baton itself puts in the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as chatList from './chat-list';
import { Landmarks } from './landmarks';
import * as openChat from './open-chat';
import { watch, type AdapterEvent } from './watch';

const html = readFileSync(resolve(import.meta.dirname, 'fixtures', 'gen2026-pt.html'), 'utf8');

function start() {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const events: AdapterEvent[] = [];
  const controller = new AbortController();
  const landmarks = new Landmarks({}, document);
  const watcher = watch(document, { landmarks: () => landmarks, locale: 'pt-BR', signal: controller.signal, onEvent: (e) => events.push(e), fallbackMs: 5 });
  watcher.flush();
  events.length = 0;
  return { events, controller };
}

const settle = () => new Promise((r) => setTimeout(r, 40));

describe('watch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('re-reads only the chat list when a row changes, and reads nothing when rows only move', async () => {
    const { events, controller } = start();
    const readChat = vi.spyOn(openChat, 'readOpenChat');
    const readRows = vi.spyOn(chatList.RowReader.prototype, 'read');
    const wrapper = document.querySelector('[data-testid="list-item-2"]')!.parentElement as HTMLElement;
    wrapper.style.transform = 'translateY(-72px)';
    await settle();
    // A scroll moves rows: nothing the watcher reports changed, nothing is read, no event.
    expect(readRows).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    document.querySelector('[data-testid="list-item-2"] [data-testid="cell-frame-primary-detail"]')!.textContent = '11:02';
    await settle();
    expect(events.map((e) => e.type)).toEqual(['rows']);
    const rows = (events[0] as { rows: { title: string; time: string; fresh: boolean }[] }).rows;
    expect(rows.filter((r) => r.fresh).map((r) => [r.title, r.time])).toEqual([['Loja do Zé', '11:02']]);
    expect(readChat).not.toHaveBeenCalled();
    controller.abort();
  });

  it('re-reads only the conversation when a message arrives, and reports just the new one', async () => {
    const { events, controller } = start();
    const readList = vi.spyOn(chatList, 'readChatList');
    const last = document.querySelector('[data-id="3EB0BBBB2222"]')!;
    const added = last.cloneNode(true) as Element;
    added.setAttribute('data-id', '3EB0CCCC3333');
    added.setAttribute('data-testid', 'conv-msg-3EB0CCCC3333');
    last.parentElement!.append(added);
    await settle();
    expect(events.map((e) => e.type)).toEqual(['messages']);
    expect((events[0] as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual(['3EB0CCCC3333']);
    expect(readList).not.toHaveBeenCalled();
    controller.abort();
  });

  it('follows rows the list gains and loses as it scrolls', async () => {
    const { events, controller } = start();
    const titlesOf = (e: AdapterEvent | undefined) => (e && e.type === 'rows' ? e.rows.map((r) => r.title) : []);
    const row = document.querySelector('[data-testid="list-item-2"]')!.cloneNode(true) as Element;
    const title = row.querySelector('span[title]')!;
    title.setAttribute('title', 'Nova Cliente');
    title.textContent = 'Nova Cliente';
    document.querySelector('[data-testid="chat-list"]')!.append(row);
    await settle();
    const grown = titlesOf(events.at(-1));
    expect(grown).toContain('Nova Cliente');
    expect(grown).toContain('Loja do Zé');
    // A row the list gained is read like any other when it changes.
    title.setAttribute('title', 'Nova Cliente Silva');
    await settle();
    expect(titlesOf(events.at(-1))).toContain('Nova Cliente Silva');
    row.remove();
    await settle();
    expect(titlesOf(events.at(-1))).toEqual(grown.filter((t) => t !== 'Nova Cliente'));
    controller.abort();
  });

  it('ignores badges Baton puts in rows, and stops when aborted', async () => {
    const { events, controller } = start();
    const readList = vi.spyOn(chatList, 'readChatList');
    const badge = document.createElement('span');
    badge.setAttribute('data-baton-badge', '');
    document.querySelector('[data-testid="list-item-0"]')!.append(badge);
    badge.textContent = 'AS';
    await settle();
    expect(readList).not.toHaveBeenCalled();
    controller.abort();
    (document.querySelector('[data-testid="list-item-1"]')!.parentElement as HTMLElement).style.transform = 'translateY(500px)';
    await settle();
    expect(events).toEqual([]);
  });
});
