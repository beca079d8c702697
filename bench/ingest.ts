// Goal 2: message reports from four linked devices that all see the same messages, as real
// companion devices do. Each message is reported four times and must be recorded once.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MAX_BODY_BYTES, MAX_MESSAGE_BATCH } from '../shared/domain/limits';
import type { Workspace } from './workspace';

export interface IngestResult {
  distinct: number;
  reported: number;
  requests: number;
  batchSizes: { min: number; max: number };
  /** Largest body a 500-report batch of these reports would have been. */
  fullBatchBytes: number;
  seconds: number;
  recordedByResponses: number;
  duplicatesByResponses: number;
  recordedByEventLog: number;
  /** Time after the last response until every device had every message.created event. */
  broadcastTailMs: number | null;
  replay: { sameBody: boolean; replayedHeader: boolean; newEvents: number };
}

interface Report {
  conversationId: string;
  waMessageId: string;
  direction: 'in' | 'out';
  at: string;
  sentByMe?: boolean;
}

/** Cuts reports into batches of at most MAX_MESSAGE_BATCH that fit the body limit. */
function batches(reports: Report[]): string[] {
  const bodies: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  const overhead = '{"messages":[]}'.length;
  for (const report of reports) {
    const json = JSON.stringify(report);
    if (current.length === MAX_MESSAGE_BATCH || overhead + bytes + json.length + 1 > MAX_BODY_BYTES) {
      bodies.push(`{"messages":[${current.join(',')}]}`);
      current = [];
      bytes = 0;
    }
    current.push(json);
    bytes += json.length + 1;
  }
  if (current.length) bodies.push(`{"messages":[${current.join(',')}]}`);
  return bodies;
}

export async function ingest(workspace: Workspace, options: { distinct: number; conversations: number }): Promise<IngestResult> {
  const { devices } = workspace;
  const a = devices[0]!;
  const conversationIds: string[] = [];
  for (let i = 0; i < options.conversations; i++) {
    conversationIds.push((await a.http.json('POST', '/api/v1/conversations', { title: `Ingest customer ${i + 1}` })).id);
  }

  // Two customer messages for each reply; the replying agent's device says sentByMe.
  const t0 = Date.parse('2026-03-02T09:00:00.000Z');
  const perDevice = devices.map((_device, k) =>
    batches(
      Array.from({ length: options.distinct }, (_, j): Report => {
        const out = j % 3 === 2;
        return {
          conversationId: conversationIds[j % conversationIds.length]!,
          waMessageId: `3EB0${j.toString(16).toUpperCase().padStart(16, '0')}`,
          direction: out ? 'out' : 'in',
          at: new Date(t0 + j * 1000).toISOString(),
          ...(out && j % devices.length === k ? { sentByMe: true } : {}),
        };
      }),
    ),
  );
  const sizes = perDevice.flat().map((body) => (JSON.parse(body) as { messages: unknown[] }).messages.length);
  const sample = JSON.stringify({ messages: new Array(MAX_MESSAGE_BATCH).fill(JSON.parse(perDevice[0]![0]!).messages[0]) });

  await settle(workspace);
  const seqBefore = a.lastSeq;
  const createdBefore = devices.map((d) => d.eventCounts.get('message.created') ?? 0);

  let recorded = 0;
  let duplicates = 0;
  const kept: { first?: { key: string; body: string; text: string } } = {};
  const started = performance.now();
  await Promise.all(
    devices.map(async (device, k) => {
      for (const body of perDevice[k]!) {
        const key = randomUUID();
        const res = await device.http.request('POST', '/api/v1/messages', body, { 'idempotency-key': key });
        if (res.status !== 200) throw new Error(`POST /messages: ${res.status} ${res.text.slice(0, 300)}`);
        const counts = JSON.parse(res.text) as { recorded: number; duplicates: number };
        recorded += counts.recorded;
        duplicates += counts.duplicates;
        if (k === 0 && !kept.first) kept.first = { key, body, text: res.text };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Every device should now get exactly one message.created per distinct message.
  const broadcastTailMs = await waitFor(
    () => devices.every((d, i) => (d.eventCounts.get('message.created') ?? 0) - createdBefore[i]! >= options.distinct),
    15_000,
  );

  const log = await readEventLog(workspace, seqBefore);
  const replay = await replayFirst(workspace, kept.first!, log.lastSeq);

  return {
    distinct: options.distinct,
    reported: options.distinct * devices.length,
    requests: sizes.length,
    batchSizes: { min: Math.min(...sizes), max: Math.max(...sizes) },
    fullBatchBytes: sample.length,
    seconds,
    recordedByResponses: recorded,
    duplicatesByResponses: duplicates,
    recordedByEventLog: log.created,
    broadcastTailMs,
    replay,
  };
}

/** Counts message.created events after `after` in the event log, page by page. */
async function readEventLog(workspace: Workspace, after: number): Promise<{ created: number; lastSeq: number }> {
  let created = 0;
  let lastSeq = after;
  for (;;) {
    const page = await workspace.owner.json<{ seq: number; type: string }[]>('GET', `/api/v1/events?after=${lastSeq}&limit=1000`);
    if (page.length === 0) return { created, lastSeq };
    created += page.filter((e) => e.type === 'message.created').length;
    lastSeq = page[page.length - 1]!.seq;
  }
}

/** Sends device A's first batch again with its key: same answer, and nothing new in the log. */
async function replayFirst(workspace: Workspace, first: { key: string; body: string; text: string }, lastSeq: number) {
  const res = await workspace.devices[0]!.http.request('POST', '/api/v1/messages', first.body, { 'idempotency-key': first.key });
  const after = await workspace.owner.json<unknown[]>('GET', `/api/v1/events?after=${lastSeq}&limit=1000`);
  return { sameBody: res.status === 200 && res.text === first.text, replayedHeader: res.headers['idempotent-replayed'] === 'true', newEvents: after.length };
}

/** Milliseconds until `done()` holds, or null if it never did within `timeoutMs`. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

/** Lets in-flight broadcasts land so the "before" figures are stable. */
async function settle(workspace: Workspace): Promise<void> {
  const seq = () => workspace.devices.map((d) => d.lastSeq).join();
  let last = '';
  while (last !== seq()) {
    last = seq();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
