// Reports wait a second and go together, in order; everything else goes at once.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Request } from '../messaging';
import { REPORT_DELAY_MS, sendReportsLater } from './later';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const health = { missing: [], matched: {} };
const chat = { title: 'Maria Silva', jid: null };

it('sends the reports of a second in one message, in order, each with its own answer; other messages at once', async () => {
  const sent: Request[] = [];
  const send = sendReportsLater((message: Request) => {
    sent.push(message);
    if (message.type === 'reports') return Promise.resolve({ ok: true, result: message.args.map((r, i) => (i === 1 ? { ok: false, error: `no ${r.type}` } : { ok: true, result: r.type })) });
    return Promise.resolve({ ok: true, result: message.type });
  });
  const first = send({ type: 'reportHealth', args: health });
  const second = send({ type: 'chatsSeen', args: [chat] });
  const action = send({ type: 'act', args: { type: 'claim', conversationId: 'c1' } });
  const third = send({ type: 'inboundSignals', args: [{ chat, at: '2026-12-03T10:42:00.000Z', unread: 1 }] });
  expect(sent.map((m) => m.type)).toEqual(['act']);
  await expect(action).resolves.toEqual({ ok: true, result: 'act' });
  vi.advanceTimersByTime(999);
  expect(sent).toHaveLength(1);
  vi.advanceTimersByTime(1);
  expect(sent[1]).toEqual({
    type: 'reports',
    args: [
      { type: 'reportHealth', args: health },
      { type: 'chatsSeen', args: [chat] },
      { type: 'inboundSignals', args: [{ chat, at: '2026-12-03T10:42:00.000Z', unread: 1 }] },
    ],
  });
  await expect(first).resolves.toEqual({ ok: true, result: 'reportHealth' });
  await expect(second).resolves.toEqual({ ok: false, error: 'no chatsSeen' });
  await expect(third).resolves.toEqual({ ok: true, result: 'inboundSignals' });
  // The next report starts the next batch.
  void send({ type: 'messagesSeen', args: [] });
  vi.advanceTimersByTime(REPORT_DELAY_MS);
  expect(sent.map((m) => m.type)).toEqual(['act', 'reports', 'reports']);
});

it('passes a batch that failed, or was not answered as one, on to each report in it', async () => {
  const failing = sendReportsLater(() => Promise.reject(new Error('no background')));
  const report = failing({ type: 'reportHealth', args: health });
  vi.advanceTimersByTime(REPORT_DELAY_MS);
  await expect(report).rejects.toThrow('no background');
  const unanswered = sendReportsLater(() => Promise.resolve(undefined));
  const reports = [unanswered({ type: 'reportHealth', args: health }), unanswered({ type: 'chatsSeen', args: [chat] })];
  vi.advanceTimersByTime(REPORT_DELAY_MS);
  await expect(Promise.all(reports)).resolves.toEqual([undefined, undefined]);
});
