// @vitest-environment jsdom
// The adapter reports the chats it sees to the background: each once a minute at most, however
// many frames of a scroll show it again.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import type { InboundSignal, SeenChat } from '../messaging';
import { startAdapter } from './adapter';
import { FIRST_SIGHT_WINDOW_MINUTES } from './inbound';

it('reports each chat seen once, and again after a minute', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../whatsapp/fixtures/gen2026-pt.html'), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  let now = 1_000_000;
  const reports: SeenChat[][] = [];
  const controller = new AbortController();
  const adapter = startAdapter(document, {
    signal: controller.signal,
    locale: 'pt-BR',
    overrides: {},
    chatsSeen: (chats) => reports.push(chats),
    healthChanged: () => undefined,
    now: () => now,
  });
  adapter.flush();
  const first = reports.flat().map((c) => c.title);
  expect(first.length).toBeGreaterThanOrEqual(3);

  // The list moves (a scroll): same chats, new positions; nothing new to report.
  const rows = [...document.querySelectorAll<HTMLElement>('[style*="translateY"]')];
  rows.forEach((row, i) => (row.style.transform = `translateY(${(rows.length - i) * 72}px)`));
  adapter.flush();
  expect(reports.flat().map((c) => c.title)).toEqual(first);

  // A minute later, the next change in the list reports every chat again.
  now += 61_000;
  document.querySelector('[data-testid="cell-frame-primary-detail"]')!.textContent = '11:30';
  adapter.flush();
  expect(reports.flat().length).toBe(first.length * 2);
  controller.abort();
});

it('tells a healthy page so on the first read, and counts messages waiting for their direction', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../whatsapp/fixtures/gen2026b-en.html'), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const health: { missing: string[]; undirected?: number }[] = [];
  const controller = new AbortController();
  const adapter = startAdapter(document, { signal: controller.signal, locale: 'en', overrides: {}, chatsSeen: () => undefined, healthChanged: (h) => health.push(h) });
  adapter.flush();
  // "Nothing missing" is a verdict too: the owner's table shows OK instead of "Not reported yet".
  expect(health[0]).toMatchObject({ missing: [], undirected: 0 });
  // Scrolled so a picture whose run's tail is out of view comes first: it waits, and is counted.
  const rows = [...document.querySelectorAll('[data-testid="conversation-panel-messages"] > [role="row"]')];
  rows[0]!.remove();
  rows[1]!.remove();
  adapter.flush();
  expect(health.at(-1)).toMatchObject({ missing: [], undirected: 1 });
  controller.abort();
});

it('turns a row whose unread count rises, or whose preview changes, into an inbound signal with the preview’s text; never our own message', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../whatsapp/fixtures/gen2026b-en.html'), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const signals: InboundSignal[][] = [];
  let now = 1_000_000;
  const controller = new AbortController();
  const adapter = startAdapter(document, {
    signal: controller.signal,
    locale: 'en',
    overrides: {},
    chatsSeen: () => undefined,
    inboundSignals: (s) => signals.push(s),
    healthChanged: () => undefined,
    now: () => now,
  });
  adapter.flush();
  expect(signals).toEqual([]); // the first sight of a row is only a baseline
  now += 5_000;
  const maria = document.querySelector('[aria-rowindex="2"]')!;
  maria.querySelector('[data-testid="icon-unread-count"]')!.textContent = '4';
  adapter.flush();
  expect(signals.flat()).toEqual([{ chat: expect.objectContaining({ title: 'Maria Silva', jid: null, avatar: expect.stringMatching(/^a:/) }), at: new Date(now).toISOString(), unread: 4, text: 'Oi, tudo bem? Queria saber o preço' }]);
  // The number's row shows our reply's status: a new preview there is not the customer.
  const number = document.querySelector('[aria-rowindex="3"] [data-testid="last-msg-status"]')!;
  number.setAttribute('title', 'Anything else?');
  // A John's preview changes without a status icon: the customer wrote.
  document.querySelector('[aria-rowindex="5"] [data-testid="last-msg-status"]')!.setAttribute('title', 'Hello again');
  adapter.flush();
  expect(signals.flat().map((s) => s.chat.title)).toEqual(['Maria Silva', 'John']);
  // The whole preview goes with the signal (for the background's routing rules), not the cut one shown.
  expect(signals.flat()[1]!.text).toBe('Hello again');
  controller.abort();
});

it('takes a row seen for the first time as news only when it shows unread messages of just now', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../whatsapp/fixtures/gen2026b-en.html'), 'utf8');
  const read = (at: number) => {
    document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
    const signals: InboundSignal[] = [];
    const controller = new AbortController();
    const adapter = startAdapter(document, {
      signal: controller.signal,
      locale: 'en',
      overrides: {},
      chatsSeen: () => undefined,
      inboundSignals: (s) => signals.push(...s),
      healthChanged: () => undefined,
      now: () => at,
    });
    adapter.flush();
    return { signals, controller };
  };
  // Maria's row says 10:42 with 3 unread; the page's times are the device's local time.
  const justAfter = read(new Date(2026, 11, 3, 10, 44, 50).getTime());
  expect(justAfter.signals.map((s) => [s.chat.title, s.unread, s.text])).toEqual([['Maria Silva', 3, 'Oi, tudo bem? Queria saber o preço']]);
  justAfter.controller.abort();
  // Past the window (README: 2 minutes) it is an old unread chat scrolled into view, or met when the page opened.
  expect(FIRST_SIGHT_WINDOW_MINUTES).toBe(2);
  const later = read(new Date(2026, 11, 3, 10, 45).getTime());
  expect(later.signals).toEqual([]);
  later.controller.abort();
});
