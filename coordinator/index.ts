// The coordinator's only side effects: read the environment, open and migrate the database,
// serve HTTP and WebSockets, run the presence and snooze clocks.
import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WebSocketServer } from 'ws';
import { MAX_BODY_BYTES } from '../shared/domain/limits';
import { createApp, createDeps } from './app';
import { openDatabase } from './db/open';
import { housekeeping } from './housekeeping';
import { readConfig } from './config';

const config = readConfig(process.env);
if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
const { db, sqlite } = openDatabase(config.databasePath);
const deps = createDeps(db, Date.now, config.publicUrl);
const app = createApp(deps);

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, (info) => {
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`;
  console.log(`Baton coordinator listening on ${url}`);
  console.log(`Owner's page: ${url}/`);
  console.log(`Database: ${config.databasePath}`);
});

const clock = setInterval(() => housekeeping(deps), 15_000);

function shutdown() {
  clearInterval(clock);
  for (const client of wss.clients) client.close(1001, 'Coordinator shutting down');
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
