// What the device saw goes to the background in one message at most every REPORT_DELAY_MS: the
// chats in the list, the inbound signals, the messages read and the health verdict. A message to
// the background is the costliest single call the content script makes (the browser's messaging,
// not our code: bench/content.ts), and one per report, as the list scrolls and messages arrive,
// was several a second. Sent from a timer, they also leave the frame whose read made them.
// Nothing waits for them.
import type { Reply, Report, ReportType, Request } from '../messaging';

const REPORTS: ReadonlySet<string> = new Set<ReportType>(['chatsSeen', 'inboundSignals', 'messagesSeen', 'reportHealth']);
const isReport = (message: Request): message is Report => REPORTS.has(message.type);

/**
 * How long reports are gathered before they go, together: at most a message a second, and what
 * the device saw still reaches the coordinator within about one (a quarter of a second made four,
 * and each could stall the page for milliseconds while the browser took it: bench/content.ts).
 */
export const REPORT_DELAY_MS = 1000;

/**
 * Wraps a sender so reports go `delayMs` later, together in one `reports` request and in the
 * order they were made; every other message goes at once. Each report is answered with its own
 * answer in the batch's (or with the batch's, when it was not answered as one: no background).
 */
export function sendReportsLater(send: (message: Request) => Promise<unknown>, delayMs = REPORT_DELAY_MS): (message: Request) => Promise<unknown> {
  let waiting: { report: Report; resolve: (answer: unknown) => void; reject: (err: unknown) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sendWaiting = () => {
    timer = undefined;
    const out = waiting;
    waiting = [];
    send({ type: 'reports', args: out.map((w) => w.report) }).then(
      (answer) => {
        const batch = answer as Reply<'reports'> | undefined;
        out.forEach((w, i) => w.resolve(batch?.ok ? batch.result[i] : answer));
      },
      (err: unknown) => out.forEach((w) => w.reject(err)),
    );
  };
  return (message) => {
    if (!isReport(message)) return send(message);
    return new Promise((resolve, reject) => {
      waiting.push({ report: message, resolve, reject });
      timer ??= setTimeout(sendWaiting, delayMs);
    });
  };
}
