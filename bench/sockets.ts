// WebSocket clients for the bench: one handler per socket that stamps each frame's arrival
// before parsing, so every system is timed the same way (arrival, then JSON.parse, then match).
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

export type Frame = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- frames are matched loosely, not validated

export class BenchSocket {
  private listeners = new Set<(msg: Frame, arrivedAt: number, bytes: number) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const arrivedAt = performance.now();
      const msg = JSON.parse(data.toString()) as Frame;
      for (const listener of this.listeners) listener(msg, arrivedAt, data.length);
    });
  }

  static async open(url: string): Promise<BenchSocket> {
    if (!url.startsWith('ws://127.0.0.1:')) throw new Error(`bench talks to loopback only, not ${url}`);
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BenchSocket(socket);
  }

  /** Calls `listener` for every frame until the returned function is called. */
  listen(listener: (msg: Frame, arrivedAt: number, bytes: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next frame matching `match`. */
  next(match: (msg: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error('timed out waiting for a frame'));
      }, timeoutMs);
      const stop = this.listen((msg) => {
        if (!match(msg)) return;
        clearTimeout(timer);
        stop();
        resolve(msg);
      });
    });
  }

  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }

  close(): void {
    this.socket.terminate();
  }
}
