// A real coordinator for tests: in-memory SQLite with the migrations applied, injected time,
// requests through app.request(), and a real HTTP + WebSocket server when a test needs sockets.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { PROTOCOL_VERSION, ServerMsg } from '../../shared/protocol';
import { createApp, createDeps } from '../app';
import { openDatabase } from '../db/open';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

export interface CallOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked by the tests

export function testCoordinator(start = T0) {
  let now = start;
  const { db, sqlite } = openDatabase(':memory:');
  const deps = createDeps(db, () => now);
  const app = createApp(deps);

  async function call(method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const res = await app.request(`/api/v1${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers };
  }

  /** First-run setup; returns the owner's token and ids. */
  async function setup(workspace = 'Padaria Central', email = 'owner@padaria.test') {
    const res = await call('POST', '/setup', { body: { workspace, name: 'Olga Owner', email, password: 'owner-pass-1' } });
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token as string, ownerId: res.body.agent.id as string, workspaceId: res.body.workspace.id as string };
  }

  /** Adds an agent as the owner and signs them in (optionally on a linked device). */
  async function addAgent(ownerToken: string, name: string, options: { deviceToken?: string; role?: 'owner' | 'agent' } = {}) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@padaria.test`;
    const created = await call('POST', '/agents', { token: ownerToken, body: { name, email, password: 'agent-pass-1', role: options.role ?? 'agent' } });
    if (created.status !== 201) throw new Error(`add agent failed: ${created.status} ${JSON.stringify(created.body)}`);
    const session = await call('POST', '/sessions', { body: { email, password: 'agent-pass-1', deviceToken: options.deviceToken } });
    if (session.status !== 201) throw new Error(`sign-in failed: ${session.status} ${JSON.stringify(session.body)}`);
    return { id: created.body.id as string, token: session.body.token as string, email };
  }

  /** Links a device with a fresh pairing code. */
  async function linkDevice(ownerToken: string, name: string) {
    const code = await call('POST', '/pairing-codes', { token: ownerToken });
    return call('POST', '/devices', { body: { code: code.body.code, name } });
  }

  return {
    app,
    deps,
    db,
    sqlite,
    call,
    setup,
    addAgent,
    linkDevice,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    close: () => sqlite.close(),
  };
}

export type TestCoordinator = ReturnType<typeof testCoordinator>;

/** Serves a test coordinator on a free loopback port, WebSockets included. */
export async function listen(coordinator: TestCoordinator): Promise<{ url: string; wsUrl: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: coordinator.app.fetch, port: 0, hostname: '127.0.0.1', websocket: { server: wss } }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/api/v1/realtime`,
    // Resolved once the hub has seen every socket close (it writes to the database then), so a
    // test may close the database right after.
    close: async () => {
      await Promise.all(
        [...wss.clients].map(
          (client) =>
            new Promise<void>((closed) => {
              client.once('close', () => closed());
              client.terminate();
            }),
        ),
      );
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real WebSocket client that parses every server message and lets a test wait for one. */
export class TestDevice {
  readonly received: ServerMsg[] = [];
  private waiters: { match: (m: ServerMsg) => boolean; resolve: (m: ServerMsg) => void }[] = [];
  closeCode: number | null = null;
  private readonly closedPromise: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const msg = ServerMsg.parse(JSON.parse(String(data)));
      this.received.push(msg);
      this.waiters = this.waiters.filter((w) => (w.match(msg) ? (w.resolve(msg), false) : true));
    });
    this.closedPromise = new Promise((resolve) => socket.on('close', (code) => resolve((this.closeCode = code))));
  }

  static async connect(wsUrl: string, token: string, lastSeq?: number): Promise<{ device: TestDevice; welcome: Extract<ServerMsg, { type: 'welcome' }> }> {
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const device = new TestDevice(socket);
    const welcome = device.next((m) => m.type === 'welcome' || m.type === 'error');
    device.send({ type: 'hello', v: PROTOCOL_VERSION, token, ...(lastSeq === undefined ? {} : { lastSeq }) });
    const first = await welcome;
    if (first.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(first)}`);
    return { device, welcome: first };
  }

  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }

  /** The next message from now on that matches `match`. */
  next(match: (m: ServerMsg) => boolean, timeoutMs = 3000): Promise<ServerMsg> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a server message')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  events(type?: string) {
    return this.received.flatMap((m) => (m.type === 'event' && (!type || m.event.type === type) ? [m.event] : []));
  }

  closed(): Promise<number> {
    return this.closedPromise;
  }

  close(): void {
    this.socket.close();
  }
}
