// The three systems goal 1 compares, each as "device A does something; B, C, D must see it".
import { HttpClient } from './http';
import { Observers, type LatencySystem } from './latency';
import { BenchSocket } from './sockets';
import type { Workspace } from './workspace';

/**
 * Baton: A claims a conversation over HTTP (auth, validation, SQLite transaction, event row,
 * publish). Untimed, A then releases it and waits for that to land too, so each claim starts from
 * a free conversation and no stray release event overlaps the next timed round.
 */
export async function batonSystem(workspace: Workspace, poolSize: number): Promise<LatencySystem> {
  const [a, ...others] = workspace.devices;
  if (!a || others.length === 0) throw new Error('need device A and at least one other device');
  const pool: string[] = [];
  for (let i = 0; i < poolSize; i++) {
    const conversation = await a.http.json('POST', '/api/v1/conversations', { title: `Bench customer ${i + 1}` });
    pool.push(conversation.id);
  }
  const observers = new Observers(others.map((d) => d.socket));
  const post = async (path: string) => {
    const res = await a.http.request('POST', path);
    if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${res.text.slice(0, 200)}`);
  };
  return {
    name: 'Baton claim (HTTP + SQLite) → 3 devices',
    round: async (i) => {
      const id = pool[i % pool.length]!;
      const timing = await observers.time(`${id}:claim`, () => post(`/api/v1/conversations/${id}/claim`));
      await observers.time(`${id}:release`, () => post(`/api/v1/conversations/${id}/release`));
      return timing;
    },
  };
}

/** Four devices on the bare baseline server: A's socket and HTTP client, three observers. */
export async function bareDevices(port: number) {
  const sockets = await Promise.all([0, 1, 2, 3].map(() => BenchSocket.open(`ws://127.0.0.1:${port}/`)));
  return { sockets, http: new HttpClient(`http://127.0.0.1:${port}`), close: () => sockets.forEach((s) => s.close()) };
}

/** Bare ws: A sends a small message on its socket; the server broadcasts to the other three. */
export function bareWsSystem(devices: { sockets: BenchSocket[] }): LatencySystem {
  const [a, ...others] = devices.sockets;
  const observers = new Observers(others);
  return {
    name: 'bare ws: message → broadcast to 3',
    round: (i) => observers.time(`ws-${i}:claim`, () => a!.send({ conversationId: `ws-${i}`, agentId: 'agent-a' })),
  };
}

/** Bare HTTP: A POSTs; the server answers and broadcasts over ws, with no auth or database. */
export function bareHttpSystem(devices: { sockets: BenchSocket[]; http: HttpClient }): LatencySystem {
  const observers = new Observers(devices.sockets.slice(1));
  return {
    name: 'bare HTTP POST → ws broadcast to 3',
    round: (i) =>
      observers.time(`http-${i}:claim`, async () => {
        const res = await devices.http.request('POST', '/claim', { conversationId: `http-${i}`, agentId: 'agent-a' });
        if (res.status !== 200) throw new Error(`bare HTTP: ${res.status}`);
      }),
  };
}
