// Child processes for the servers under test, so the bench client never shares their event loop.
// Each child speaks to us over IPC (ready/port, memory, stats) and dies with us: killed on our
// exit (errors included), and exiting by itself if the IPC channel drops (we were SIGKILLed).
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/bundle-node';
import type { ChildReply, ChildRequest } from './ipc';

const BUILD_DIR = fileURLToPath(new URL('../node_modules/.cache/baton-bench/', import.meta.url));

const live = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => process.exit(130)); // runs the exit hook above
}

export interface Child {
  name: string;
  port: number;
  ask<T>(request: ChildRequest): Promise<T>;
  /** Asks the child to exit (so a --cpu-prof profile gets written), then kills it. */
  stop(): Promise<void>;
}

export async function startChild(name: string, script: string, args: string[], options: { cpuProfDir?: string } = {}): Promise<Child> {
  // Children run as plain JavaScript bundles, as `npm start` runs the coordinator: a TypeScript
  // loader in the process would add its own thread and some 40 MB to every figure.
  const bundle = await bundleForNode(fileURLToPath(new URL(script, import.meta.url)), join(BUILD_DIR, name));
  const execArgv: string[] = ['--expose-gc', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  if (options.cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, name)}`);
  const child = fork(bundle, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(child);
  child.on('exit', () => live.delete(child));

  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after 30 s`)), 30_000);
    child.on('message', (msg: ChildReply) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg.port);
      } else if (msg.type === 'reply') {
        pending.get(msg.id)?.(msg.value);
        pending.delete(msg.id);
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited before it was ready (${code ?? signal})`)));
  });

  return {
    name,
    port,
    ask: <T>(request: ChildRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`${name}: no answer to ${request.type}`)), 10_000);
        pending.set(id, (value) => {
          clearTimeout(timer);
          resolve(value as T);
        });
        child.send({ ...request, id });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
