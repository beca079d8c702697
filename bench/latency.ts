// Goal 1: from just before device A acts to the moment the last of the other three devices has
// the resulting event. The same timer serves Baton and both baselines, so they differ only in
// what the server does between A's action and the broadcast.
import { performance } from 'node:perf_hooks';
import type { BenchSocket, Frame } from './sockets';

/** The event key the bench waits for: `<conversationId>:<reason>` of an assignee.changed event. */
export function assigneeKey(msg: Frame): string | null {
  return msg.type === 'event' && msg.event.type === 'assignee.changed' ? `${msg.event.conversationId}:${msg.event.data.reason}` : null;
}

interface Pending {
  key: string;
  seen: boolean[];
  left: number;
  lastAt: number;
  frameBytes: number;
  done: () => void;
}

export interface Timing {
  /** Until the last observer had the event. */
  allMs: number;
  /** Until A's own action was acknowledged (HTTP response; ~0 for a ws send). */
  ackMs: number;
  frameBytes: number;
}

/** Watches the observing devices' sockets and times one action at a time. */
export class Observers {
  private pending: Pending | null = null;
  private readonly count: number;

  constructor(sockets: readonly BenchSocket[]) {
    sockets.forEach((socket, index) =>
      socket.listen((msg, arrivedAt, bytes) => {
        const p = this.pending;
        if (!p || p.seen[index] || assigneeKey(msg) !== p.key) return;
        p.seen[index] = true;
        p.lastAt = Math.max(p.lastAt, arrivedAt);
        p.frameBytes = bytes;
        if (--p.left === 0) p.done();
      }),
    );
    this.count = sockets.length;
  }

  async time(key: string, action: () => Promise<unknown> | void, timeoutMs = 5000): Promise<Timing> {
    let timer!: NodeJS.Timeout;
    const all = new Promise<void>((resolve, reject) => {
      this.pending = { key, seen: new Array(this.count).fill(false), left: this.count, lastAt: 0, frameBytes: 0, done: resolve };
      timer = setTimeout(() => reject(new Error(`${key}: not every device got the event within ${timeoutMs} ms`)), timeoutMs);
    });
    const started = performance.now();
    await action();
    const ackMs = performance.now() - started;
    try {
      await all;
    } finally {
      clearTimeout(timer);
    }
    const { lastAt, frameBytes } = this.pending!;
    this.pending = null;
    return { allMs: lastAt - started, ackMs, frameBytes };
  }
}

/** A system under test: one timed round, plus untimed work to put things back afterwards. */
export interface LatencySystem {
  name: string;
  round(i: number): Promise<Timing>;
}

export interface LatencyResult {
  name: string;
  allMs: number[];
  ackMs: number[];
  frameBytes: number;
}

/**
 * Warms every system up, then runs them in alternating blocks so that a noisy spell on a shared
 * machine lands on all of them rather than on whichever happened to run then.
 */
export async function compare(systems: readonly LatencySystem[], options: { warmup: number; rounds: number; blocks: number; afterWarmup?: () => Promise<unknown> }): Promise<LatencyResult[]> {
  for (const system of systems) for (let i = 0; i < options.warmup; i++) await system.round(i);
  await options.afterWarmup?.();
  const results = systems.map((s) => ({ name: s.name, allMs: [] as number[], ackMs: [] as number[], frameBytes: 0 }));
  const perBlock = Math.ceil(options.rounds / options.blocks);
  for (let block = 0; block < options.blocks; block++) {
    for (const [index, system] of systems.entries()) {
      const result = results[index]!;
      for (let j = 0; j < perBlock && result.allMs.length < options.rounds; j++) {
        const t = await system.round(options.warmup + result.allMs.length);
        result.allMs.push(t.allMs);
        result.ackMs.push(t.ackMs);
        result.frameBytes = t.frameBytes;
      }
    }
  }
  return results;
}
