// A real coordinator process on loopback, with its own temporary database, as agents would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './extension-build';

export interface CoordinatorProcess {
  url: string;
  /** Its SQLite file (with `-wal` beside it): a test can look at everything it stored. */
  dbPath: string;
  /** What it stored on disk, as bytes: the database and its write-ahead log (to search for text that must not be there). */
  stored(): Buffer[];
  stop(): Promise<void>;
  /** Stops and starts it again on the same port and database (an outage). */
  restart(): Promise<void>;
  /** An outage in two steps: `down()` stops it, `up()` starts it again on the same port and database. */
  down(): Promise<void>;
  up(): Promise<void>;
}

function launch(port: number, dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), resolve(ROOT, 'coordinator/index.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BATON_DB: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolveStart({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`coordinator exited (${code}) before listening:\n${output}`)));
  });
}

export async function startCoordinator(port = 0): Promise<CoordinatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const dbPath = join(dir, 'baton.sqlite');
  let { child, url } = await launch(port, dbPath);
  const chosenPort = Number(new URL(url).port);
  const stopChild = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return {
    url,
    dbPath,
    stored: () => [dbPath, `${dbPath}-wal`].filter(existsSync).map((path) => readFileSync(path)),
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stopChild();
      ({ child } = await launch(chosenPort, dbPath));
    },
    down: stopChild,
    up: async () => {
      ({ child } = await launch(chosenPort, dbPath));
    },
  };
}
