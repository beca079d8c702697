// `npm run bench`: the coordinator's performance goals, measured in one run on loopback.
//   1. claim → broadcast latency to 3 other devices, against bare ws and bare HTTP baselines
//   2. message reports ingested per second, 4 devices reporting the same messages, idempotently
//   3. RSS of the coordinator with 4 devices connected, after that load
// Servers run in child processes (bench/server.ts, bench/bare-server.ts) so the client's work
// never shares their event loop. Figures, not assertions: a MISS never fails the build.
// Options: --rounds=N (claims per system, default 2000), --distinct=N (distinct messages, default
// 10000), --cpu-prof (write the coordinator's CPU profile to bench/profiles/).
// BENCH_NODE_FLAGS="--max-semi-space-size=2" passes V8 flags to the children, to try memory settings.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './children';
import { ingest, type IngestResult } from './ingest';
import type { Memory } from './ipc';
import { compare, type LatencyResult } from './latency';
import { int, mb, ms, summarize, table, type Summary } from './stats';
import { MAX_BODY_BYTES, MAX_MESSAGE_BATCH } from '../shared/domain/limits';
import { bareDevices, bareHttpSystem, bareWsSystem, batonSystem } from './systems';
import { setUpWorkspace } from './workspace';

type ServerStats = { handlerMs: Record<string, Summary | null>; eventLoopUtilization: number };

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const ROUNDS = arg('rounds', 2000);
const WARMUP = arg('warmup', 200);
const DISTINCT = arg('distinct', 10_000);
const cpuProfDir = process.argv.includes('--cpu-prof') ? fileURLToPath(new URL('./profiles', import.meta.url)) : undefined;

const GOALS = { p99Ms: 5, ratio: 3, reportsPerSecond: 5000, rssBytes: 100 * 1024 * 1024 };

// A production-like store: a file database in WAL mode, removed however the run ends.
const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const section = (title: string) => console.log(`\n== ${title}`);
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function main() {
  const runStarted = performance.now();
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  console.log(`Baton bench: node ${process.version}, ${ROUNDS} claims per system after ${WARMUP} warm-up, ${int(DISTINCT)} distinct messages × 4 devices`);
  const [baton, bare] = await Promise.all([
    startChild('coordinator', './server.ts', [join(dir, 'baton.sqlite')], { cpuProfDir }),
    startChild('bare', './bare-server.ts', []),
  ]);

  const workspace = await setUpWorkspace(baton.port);
  const idle = await baton.ask<Memory>({ type: 'memory' });

  section('1. Claim → broadcast to 3 other devices');
  const bareClients = await bareDevices(bare.port);
  const systems = [await batonSystem(workspace, 20), bareWsSystem(bareClients), bareHttpSystem(bareClients)];
  const latency = await compare(systems, { warmup: WARMUP, rounds: ROUNDS, blocks: 8, afterWarmup: () => baton.ask({ type: 'stats', reset: true }) });
  const claimStats = await baton.ask<ServerStats>({ type: 'stats', reset: true });
  printLatency(latency, claimStats);

  section('2. Message reports ingested (4 devices, same messages, Idempotency-Key)');
  const ingested = await ingest(workspace, { distinct: DISTINCT, conversations: 100 });
  const ingestStats = await baton.ask<ServerStats>({ type: 'stats', reset: true });
  printIngest(ingested, ingestStats);

  section('3. Coordinator memory, 4 devices connected');
  const loaded = await baton.ask<Memory>({ type: 'memory' });
  const settled = await baton.ask<Memory>({ type: 'memory', gc: true });
  console.log(`after setup:          RSS ${mb(idle.rss)}, heap ${mb(idle.heapUsed)}`);
  console.log(`right after the load: RSS ${mb(loaded.rss)}, heap ${mb(loaded.heapUsed)} of ${mb(loaded.heapTotal)}, external ${mb(loaded.external)}, peak RSS ${mb(loaded.maxRss)}`);
  console.log(`after a full GC:      RSS ${mb(settled.rss)}, heap ${mb(settled.heapUsed)} of ${mb(settled.heapTotal)}`);

  const [b, ws] = latency as [LatencyResult, LatencyResult, LatencyResult];
  const baton1 = summarize(b.allMs);
  const ws1 = summarize(ws.allMs);
  const r50 = baton1.p50 / ws1.p50;
  const r99 = baton1.p99 / ws1.p99;
  const perSecond = ingested.reported / ingested.seconds;
  const exact = ingested.recordedByResponses === ingested.distinct && ingested.recordedByEventLog === ingested.distinct;
  const replayOk = ingested.replay.sameBody && ingested.replay.replayedHeader && ingested.replay.newEvents === 0;

  section('Summary');
  console.log(
    table([
      ['Goal', 'Figure', 'Target', 'Result'],
      ['1  claim → 3 devices, p99', ms(baton1.p99), `< ${GOALS.p99Ms} ms`, pass(baton1.p99 < GOALS.p99Ms)],
      ['1  vs bare ws, p50 ratio', `${r50.toFixed(2)}x (${ms(baton1.p50)} / ${ms(ws1.p50)})`, `≤ ${GOALS.ratio}x`, pass(r50 <= GOALS.ratio)],
      ['1  vs bare ws, p99 ratio', `${r99.toFixed(2)}x (${ms(baton1.p99)} / ${ms(ws1.p99)})`, `≤ ${GOALS.ratio}x`, pass(r99 <= GOALS.ratio)],
      ['2  reported events/s', `${int(perSecond)}/s (recorded ${int(ingested.distinct / ingested.seconds)}/s)`, `≥ ${int(GOALS.reportsPerSecond)}/s`, pass(perSecond >= GOALS.reportsPerSecond)],
      ['2  recorded once each', `${int(ingested.recordedByResponses)} by responses, ${int(ingested.recordedByEventLog)} in log, of ${int(ingested.distinct)}`, 'equal', pass(exact)],
      ['2  replay with same key', `body ${ingested.replay.sameBody ? 'identical' : 'DIFFERENT'}, ${ingested.replay.newEvents} new events`, 'identical, 0', pass(replayOk)],
      ['3  coordinator RSS, under load', mb(loaded.rss), `< ${mb(GOALS.rssBytes)}`, pass(loaded.rss < GOALS.rssBytes)],
      ['3  coordinator RSS, settled', mb(settled.rss), `< ${mb(GOALS.rssBytes)}`, pass(settled.rss < GOALS.rssBytes)],
    ]),
  );
  console.log(`\n(${((performance.now() - runStarted) / 1000).toFixed(1)} s)`);

  workspace.close();
  bareClients.close();
  await Promise.all([baton.stop(), bare.stop()]);
  if (cpuProfDir) console.log(`CPU profiles of the coordinator (main thread: the largest): ${cpuProfDir}/coordinator/`);
}

function printLatency(results: LatencyResult[], server: ServerStats) {
  const rows = [['System', 'n', 'p50', 'p95', 'p99', 'max', 'A acked p50', 'frame']];
  for (const r of results) {
    const all = summarize(r.allMs);
    rows.push([r.name, String(all.n), ms(all.p50), ms(all.p95), ms(all.p99), ms(all.max), ms(summarize(r.ackMs).p50), `${r.frameBytes} B`]);
  }
  console.log(table(rows));
  const [b, ws, http] = results.map((r) => summarize(r.allMs)) as [Summary, Summary, Summary];
  console.log(`ratios Baton / bare ws:   p50 ${(b.p50 / ws.p50).toFixed(2)}x, p99 ${(b.p99 / ws.p99).toFixed(2)}x`);
  console.log(`ratios Baton / bare HTTP: p50 ${(b.p50 / http.p50).toFixed(2)}x, p99 ${(b.p99 / http.p99).toFixed(2)}x`);
  printHandlers(server);
}

function printIngest(r: IngestResult, server: ServerStats) {
  console.log(
    `${int(r.reported)} reports (${int(r.distinct)} distinct) in ${r.requests} requests of ${r.batchSizes.min}–${r.batchSizes.max} reports, ${r.seconds.toFixed(2)} s`,
  );
  const fits = r.fullBatchBytes <= MAX_BODY_BYTES;
  console.log(
    `a full batch of ${MAX_MESSAGE_BATCH} such reports is ${int(r.fullBatchBytes)} bytes: ${fits ? 'within' : 'OVER'} the ${int(MAX_BODY_BYTES)}-byte body limit${fits ? '' : '; batches were cut to fit'}`,
  );
  console.log(`reported ${int(r.reported / r.seconds)}/s, recorded ${int(r.distinct / r.seconds)}/s`);
  console.log(`responses: recorded ${int(r.recordedByResponses)}, duplicates ${int(r.duplicatesByResponses)}; event log: ${int(r.recordedByEventLog)} message.created`);
  console.log(`broadcast: ${r.broadcastTailMs === null ? 'NOT every device got every message.created' : `every device had every message.created ${ms(r.broadcastTailMs)} after the last response`}`);
  console.log(`replay of one batch: body ${r.replay.sameBody ? 'identical' : 'DIFFERENT'}, idempotent-replayed ${r.replay.replayedHeader}, ${r.replay.newEvents} new events`);
  printHandlers(server);
}

function printHandlers(server: ServerStats) {
  for (const [route, s] of Object.entries(server.handlerMs)) {
    if (s) console.log(`server time in app.fetch, ${route}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n})`);
  }
  console.log(`coordinator event loop busy: ${(server.eventLoopUtilization * 100).toFixed(0)}%`);
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1); // the exit hooks kill the children and remove the temp database
});
