// The WhatsApp Web simulator: serves the page at any path and host, the control API under
// /__sim/, and the live sync WebSocket at /__sim/ws.
//   npx tsx e2e/sim/server.ts [--port 8443] [--host 127.0.0.1] [--http]
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { STATIC_PREFIX, newBuildId, send, serveIndex, serveStatic } from './assets';
import { servePhoto } from './avatars';
import { ROUTES, createControl, queryInput, type SimControl } from './control';
import { applySeed, type SeedName } from './seed';
import { AccountState, SimError } from './state';
import { SyncHub, WS_PATH } from './sync';

export const CERT_FILE = fileURLToPath(new URL('./certs/cert.pem', import.meta.url));
export const KEY_FILE = fileURLToPath(new URL('./certs/key.pem', import.meta.url));
/** The self-signed certificate (web.whatsapp.com, localhost, 127.0.0.1), for clients to trust. */
export const simCertificate = () => readFileSync(CERT_FILE, 'utf8');

export interface SimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** HTTPS with the committed test certificate (default true). */
  https?: boolean;
  /** Seed at start-up (default "default"). */
  seed?: SeedName;
}

export interface Sim {
  url: string;
  port: number;
  control: SimControl;
  state: AccountState;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const https = opts.https ?? true;
  const host = opts.host ?? '127.0.0.1';
  const state = new AccountState();
  applySeed(state, opts.seed ?? 'default');
  const hub = new SyncHub(state);
  const control = createControl(state, hub);
  const build = newBuildId();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, control, state, build).catch((err) => {
      const status = err instanceof SimError ? err.status : 500;
      if (!(err instanceof SimError)) console.error('[sim]', err);
      if (!res.headersSent) json(res, status, { error: err instanceof Error ? err.message : String(err) });
      else res.end();
    });
  };
  const server: Server = https
    ? createHttpsServer({ cert: readFileSync(CERT_FILE), key: readFileSync(KEY_FILE) }, handler)
    : createHttpServer(handler);
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === WS_PATH) hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `${https ? 'https' : 'http'}://${shownHost}:${port}/`,
    port,
    control,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, control: SimControl, state: AccountState, build: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname;
  if (path.startsWith('/__sim/')) {
    const name = ROUTES[`${req.method} ${path}`];
    if (!name) return json(res, 404, { error: `no route ${req.method} ${path}` });
    const input = req.method === 'GET' ? queryInput(url.searchParams) : await readJson(req);
    const fn = control[name] as (input: unknown) => Promise<unknown>;
    return json(res, 200, await fn(req.method === 'GET' && name === 'options' ? undefined : input));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
  if (path.startsWith(STATIC_PREFIX)) {
    if (await serveStatic(path, res, build)) return;
    return send(res, 404, 'text/plain', 'not found');
  }
  if (path === '/favicon.ico') return send(res, 404, 'text/plain', 'not found');
  // Profile photos, as pps.whatsapp.net serves them (see avatars.ts).
  if (servePhoto(state.photos, url, res)) return;
  // The app at `/` whatever the Host; other paths too (WhatsApp's deep links like /send load it).
  return serveIndex(res);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SimError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error();
    return body;
  } catch {
    throw new SimError(400, 'body must be a JSON object');
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

// Run directly: print the URL and how to reach it as web.whatsapp.com.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sim = await startSim({
    port: Number(arg('port') ?? process.env.PORT ?? 8443),
    host: arg('host') ?? process.env.HOST ?? '127.0.0.1',
    https: !process.argv.includes('--http'),
  });
  console.log(`WhatsApp Web simulator on ${sim.url}`);
  console.log(
    `Chromium: --host-resolver-rules="MAP web.whatsapp.com 127.0.0.1:${sim.port}" --ignore-certificate-errors, then open https://web.whatsapp.com/?gen=2026&lang=en`,
  );
  console.log(`Control API: ${sim.url}__sim/state`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
