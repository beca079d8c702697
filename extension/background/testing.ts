// Test support: a Background wired to Node (fake IndexedDB, `ws`, global fetch) and a real
// coordinator served on a fixed port, so a test can stop and restart it like a real outage.
import { serve, type ServerType } from '@hono/node-server';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { AddressInfo } from 'node:net';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
// oxlint-disable-next-line no-restricted-imports -- tests run the real coordinator; the extension itself only speaks HTTP and WebSocket to it
import { testCoordinator, type TestCoordinator } from '../../coordinator/test/harness';
import type { TeamPush } from '../team';
import { BatonDb } from './db';
import type { Stored } from './link';
import { Background } from './service';

/** A coordinator that can be stopped and started again on the same address. */
export class Server {
  private server: ServerType | null = null;
  private wss: WebSocketServer | null = null;
  port = 0;

  constructor(readonly t: TestCoordinator = testCoordinator(Date.now())) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const wss = new WebSocketServer({ noServer: true });
    this.wss = wss;
    this.server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: this.t.app.fetch, port: this.port, hostname: '127.0.0.1', websocket: { server: wss } }, () => resolve(s));
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    // Resolved once the coordinator has seen every socket close (it writes to its database then).
    await Promise.all(
      [...(this.wss?.clients ?? [])].map(
        (client) =>
          new Promise<void>((closed) => {
            client.once('close', () => closed());
            client.terminate();
          }),
      ),
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A fake TEAM_PORT tab that keeps what it is pushed. */
export function fakeTab() {
  const pushes: TeamPush[] = [];
  return { pushes, port: { postMessage: (m: unknown) => pushes.push(m as TeamPush), onDisconnect: { addListener: () => undefined } } };
}

export interface DeviceOptions {
  /** The same name is the same IndexedDB: a "restarted worker". */
  dbName: string;
  storage: { value: Stored | null };
  fetch?: typeof fetch;
  sent?: unknown[];
}

/** A Background as the entrypoint builds it, on Node. */
export function device(options: DeviceOptions): Background {
  const sent = options.sent;
  class RecordingWebSocket extends NodeWebSocket {
    override send(data: unknown): void {
      sent?.push(JSON.parse(String(data)));
      super.send(data as string);
    }
  }
  return new Background({
    db: new BatonDb(options.dbName, { indexedDB, IDBKeyRange }),
    load: async () => structuredClone(options.storage.value),
    save: async (stored) => {
      options.storage.value = structuredClone(stored);
    },
    fetch: options.fetch ?? ((...args) => fetch(...args)),
    WebSocket: RecordingWebSocket as unknown as typeof WebSocket,
    extensionVersion: '0.0.0-test',
    onOverrides: () => undefined,
    retryBaseMs: 50,
  });
}

/** Polls until `check` returns something truthy. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 8000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
