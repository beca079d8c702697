// The child's side of bench/children.ts: announce the port, answer IPC requests, exit when asked
// or orphaned. Kept apart so a child never installs the parent's kill-on-exit hooks.

/** What every bench child answers on IPC. */
export type ChildRequest = { type: 'memory'; gc?: boolean } | { type: 'stats'; reset?: boolean } | { type: 'exit' };
export type ChildReply = { type: 'ready'; port: number } | { type: 'reply'; id: number; value: unknown };

/** The child's side: announce the port, answer IPC requests, exit when asked or orphaned. */
export function serveIpc(port: number, answer: (request: ChildRequest) => unknown, onExit: () => void): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('start this from bench/run.ts: it needs an IPC channel');
  process.on('message', (msg: ChildRequest & { id: number }) => {
    if (msg.type === 'exit') return onExit();
    send({ type: 'reply', id: msg.id, value: answer(msg) } satisfies ChildReply);
  });
  process.on('disconnect', onExit);
  send({ type: 'ready', port } satisfies ChildReply);
}

/** Memory and peak RSS of the current process, for the `memory` request. */
export function memory(options: { gc?: boolean } = {}) {
  // Children start with --expose-gc, so the settled figure is the live set, not the garbage
  // a burst left behind for the next collection.
  if (options.gc) (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, maxRss: process.resourceUsage().maxRSS * 1024 };
}
export type Memory = ReturnType<typeof memory>;
