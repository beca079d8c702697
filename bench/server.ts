// The coordinator under test, in its own process: built the way coordinator/index.ts builds it
// (same app, same WebSocket limits, same presence/snooze clock) but on 127.0.0.1, a free port and
// the database path given as argv[2]. Extra figures travel over IPC, never through app routes.
import { serve } from '@hono/node-server';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { MAX_BODY_BYTES } from '../shared/domain/limits';
import { createApp, createDeps } from '../coordinator/app';
import { openDatabase } from '../coordinator/db/open';
import { sweepPresence } from '../coordinator/presence';
import { wakeSnoozed } from '../coordinator/routes/conversations';
import { summarize } from './stats';
import { memory, serveIpc, type ChildRequest } from './ipc';

const dbPath = process.argv[2] ?? ':memory:';
const { db, sqlite } = openDatabase(dbPath);
const deps = createDeps(db, Date.now);
const app = createApp(deps);

// Time from a request reaching the app to its Response: the server's own share of a round trip.
// Keyed by the last path segment of the few routes the bench drives hard.
const TIMED = new Set(['claim', 'release', 'messages']);
const handlerMs = new Map<string, number[]>();
const timedFetch = async (req: Request, env: unknown) => {
  const started = performance.now();
  const res = await app.fetch(req, env as never);
  const route = req.url.slice(req.url.lastIndexOf('/') + 1);
  if (TIMED.has(route)) {
    let samples = handlerMs.get(route);
    if (!samples) handlerMs.set(route, (samples = []));
    if (samples.length < 100_000) samples.push(performance.now() - started);
  }
  return res;
};
let elu = performance.eventLoopUtilization();

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
const server = serve({ fetch: timedFetch, port: 0, hostname: '127.0.0.1', websocket: { server: wss } }, (info) => {
  serveIpc(info.port, answer, shutdown);
});

const clock = setInterval(() => {
  sweepPresence(deps);
  wakeSnoozed(deps);
}, 15_000);

function answer(request: ChildRequest): unknown {
  if (request.type === 'memory') return memory(request);
  const value = {
    handlerMs: Object.fromEntries([...handlerMs].map(([route, samples]) => [route, samples.length ? summarize(samples) : null])),
    eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
  };
  if (request.type === 'stats' && request.reset) {
    handlerMs.clear();
    elu = performance.eventLoopUtilization();
  }
  return value;
}

function shutdown() {
  clearInterval(clock);
  for (const client of wss.clients) client.terminate();
  server.close();
  sqlite.close();
  process.exit(0);
}
