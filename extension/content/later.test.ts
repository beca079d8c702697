// Reports made during a read wait a frame and keep their order; everything else goes at once.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { REPORT_DELAY_MS, sendReportsLater } from './later';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('sends reports a frame later, in order, with their answers; other messages at once', async () => {
  const sent: string[] = [];
  const send = sendReportsLater((message: { type: string; n: number }) => {
    sent.push(`${message.type}${message.n}`);
    return Promise.resolve(message.n * 10);
  });
  const first = send({ type: 'reportHealth', n: 1 });
  const second = send({ type: 'messagesSeen', n: 2 });
  const action = send({ type: 'act', n: 3 });
  const chats = send({ type: 'chatsSeen', n: 4 });
  // Gathered by the adapter already, outside any read: at once too.
  expect(sent).toEqual(['act3', 'chatsSeen4']);
  await expect(action).resolves.toBe(30);
  await expect(chats).resolves.toBe(40);
  vi.advanceTimersByTime(REPORT_DELAY_MS);
  expect(sent).toEqual(['act3', 'chatsSeen4', 'reportHealth1', 'messagesSeen2']);
  await expect(first).resolves.toBe(10);
  await expect(second).resolves.toBe(20);
});

it('passes a failed send on to the report that made it', async () => {
  const send = sendReportsLater(() => Promise.reject(new Error('no background')));
  const report = send({ type: 'reportHealth' });
  vi.advanceTimersByTime(REPORT_DELAY_MS);
  await expect(report).rejects.toThrow('no background');
});
