// Reports made while the page is read leave the frame they were made in. A message to the
// background is the costliest single call the content script makes (the browser's messaging, not
// our code: bench/content.ts), and these are made in the frame that reads a change of the page:
// sent a frame later, they no longer add to that frame. Nothing waits for them.

/**
 * The reports made during a read: what the device saw, never an agent's action. The chats seen
 * and the inbound signals are not among them: the adapter already gathers those and sends them
 * from a timer of their own, outside any read.
 */
const REPORTS: ReadonlySet<string> = new Set(['messagesSeen', 'reportHealth']);

/** A frame and a little: long enough that the report runs in a later frame than the read. */
export const REPORT_DELAY_MS = 20;

/**
 * Wraps a sender so reports go `delayMs` later, together and in the order they were made; every
 * other message goes at once. The answer is the sender's, whenever it is sent.
 */
export function sendReportsLater<M extends { type: string }, R>(send: (message: M) => Promise<R>, delayMs = REPORT_DELAY_MS): (message: M) => Promise<R> {
  let waiting: { message: M; resolve: (answer: R) => void; reject: (err: unknown) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sendWaiting = () => {
    timer = undefined;
    const out = waiting;
    waiting = [];
    for (const { message, resolve, reject } of out) send(message).then(resolve, reject);
  };
  return (message) => {
    if (!REPORTS.has(message.type)) return send(message);
    return new Promise<R>((resolve, reject) => {
      waiting.push({ message, resolve, reject });
      timer ??= setTimeout(sendWaiting, delayMs);
    });
  };
}
