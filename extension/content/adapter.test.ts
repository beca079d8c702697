// @vitest-environment jsdom
// The adapter reports the chats it sees to the background: each once a minute at most, however
// many frames of a scroll show it again.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import type { SeenChat } from '../messaging';
import { startAdapter } from './adapter';

it('reports each chat seen once, and again after a minute', async () => {
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

  now += 61_000;
  rows.forEach((row, i) => (row.style.transform = `translateY(${i * 72}px)`));
  adapter.flush();
  expect(reports.flat().length).toBe(first.length * 2);
  controller.abort();
});
