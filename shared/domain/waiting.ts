// The waiting clock (issue #7): when a customer starts waiting, from what, and what is only
// history. Customer messages come from the chat a device has open; signals from a chat list row
// that changed while nobody opened it. Both sides use these rules; times are ms since the epoch.
import type { ConversationStatus } from './status';

/** Where a conversation's `waitingSince` came from: a real message, or a chat list signal. */
export const WAITING_SOURCES = ['signal', 'message'] as const;
export type WaitingSource = (typeof WAITING_SOURCES)[number];

/**
 * How a reported message's time was read: `meta` from `data-pre-plain-text` (minute resolution),
 * `label` from the bubble's time label and the day separators, `neighbour` from the messages around it.
 */
export const MESSAGE_TIME_SOURCES = ['meta', 'label', 'neighbour'] as const;
export type MessageTimeSource = (typeof MESSAGE_TIME_SOURCES)[number];

/** Most inbound signals accepted in one request (about 90 bytes each: far under the body limit). */
export const MAX_SIGNAL_BATCH = 400;

/** The part of a conversation the waiting clock reads and writes. */
export interface Clock {
  status: ConversationStatus;
  waitingSince: number | null;
  waitingSource: WaitingSource | null;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  /** The last resolution, kept after a reopen: what the customer wrote until then is history. */
  lastResolvedAt: number | null;
}

const max = (a: number | null, b: number) => (a === null ? b : Math.max(a, b));

/**
 * Message times have minute resolution (`data-pre-plain-text`, time labels: "10:42" is any
 * moment of that minute), while resolutions and signals are exact. Within the same minute the
 * order is unknown, and the rules below choose the side that never ignores a customer.
 */
const MINUTE = 60_000;

/** Until when the customer counts as answered (last reply or last resolution), or null: never. */
export function answeredUntil(clock: Clock): number | null {
  if (clock.lastOutboundAt === null) return clock.lastResolvedAt;
  return clock.lastResolvedAt === null ? clock.lastOutboundAt : Math.max(clock.lastOutboundAt, clock.lastResolvedAt);
}

/**
 * Until when a customer *message* (minute resolution) counts as answered: the last reply, or the
 * minute before the last resolution (one of the resolution's own minute may have come after it).
 */
export function messagesAnsweredUntil(clock: Clock): number | null {
  const resolved = clock.lastResolvedAt === null ? null : clock.lastResolvedAt - MINUTE;
  if (clock.lastOutboundAt === null) return resolved;
  return resolved === null ? clock.lastOutboundAt : Math.max(clock.lastOutboundAt, resolved);
}

/**
 * True when something the customer wrote at `at` predates the last resolution: history, not
 * news. A message of the resolution's own minute may have come after it: news.
 */
export function isHistory(clock: Clock, at: number): boolean {
  return clock.lastResolvedAt !== null && at + MINUTE <= clock.lastResolvedAt;
}

const reopens = (clock: Clock) => clock.status === 'resolved' || clock.status === 'snoozed';

/**
 * The clock after a customer message written at `at` is recorded. History (older than the last
 * resolution) reopens nothing and starts no clock; a message newer than the last reply starts
 * the clock, or moves it earlier. A clock that came from a signal gives way to the real messages:
 * `earliestUnanswered` is then asked for the earliest recorded customer message newer than
 * `messagesAnsweredUntil` (this one included), or null when every one of them is answered.
 */
export function afterCustomerMessage(clock: Clock, at: number, earliestUnanswered: () => number | null): Clock {
  const next = { ...clock, lastInboundAt: max(clock.lastInboundAt, at) };
  if (isHistory(clock, at)) return next;
  if (reopens(clock)) next.status = 'open';
  if (clock.waitingSource === 'signal') {
    // The real message takes the signal's place; a signal no recorded message explains yet (its
    // message is not read, or shares a minute with the reply) keeps the clock it started.
    const real = earliestUnanswered();
    if (real !== null) {
      next.waitingSince = real;
      next.waitingSource = 'message';
    }
    return next;
  }
  const answered = messagesAnsweredUntil(clock);
  if (answered !== null && at <= answered) return next;
  next.waitingSince = clock.waitingSince === null ? at : Math.min(clock.waitingSince, at);
  next.waitingSource = 'message';
  return next;
}

/**
 * The clock after a reply sent at `at`: it answers what the customer wrote up to it (and a
 * signal's clock started within the reply's minute: the reply's time is that minute's start).
 * What the customer wrote after it still waits: `earliestUnanswered` is asked, with the clock
 * after the reply, for the earliest recorded customer message it does not answer (reports
 * arrive in any order: an old reply can be recorded after a new question).
 */
export function afterReply(clock: Clock, at: number, earliestUnanswered: (after: Clock) => number | null = () => null): Clock {
  const next: Clock = { ...clock, lastOutboundAt: max(clock.lastOutboundAt, at) };
  const stops = clock.waitingSince !== null && (at >= clock.waitingSince || (clock.waitingSource === 'signal' && at + MINUTE > clock.waitingSince));
  if (!stops) return next;
  const later = clock.lastInboundAt !== null && clock.lastInboundAt > at ? earliestUnanswered(next) : null;
  return { ...next, waitingSince: later, waitingSource: later === null ? null : 'message' };
}

/**
 * The clock after a device saw, at `at`, a customer write in the chat list; null when the signal
 * changes nothing. A signal a reply or a resolution already covers is ignored; otherwise it starts
 * the clock, or moves it earlier (the earliest of the devices wins), and reopens a resolved or
 * snoozed conversation. A later signal while the customer already waits adds nothing: another
 * device saw the same thing.
 */
export function afterSignal(clock: Clock, at: number): Clock | null {
  const answered = answeredUntil(clock);
  if (answered !== null && at <= answered) return null;
  const starts = clock.waitingSince === null || at < clock.waitingSince;
  if (!starts && !reopens(clock)) return null;
  return {
    ...clock,
    status: reopens(clock) ? 'open' : clock.status,
    waitingSince: starts ? at : clock.waitingSince,
    waitingSource: starts ? 'signal' : clock.waitingSource,
    lastInboundAt: max(clock.lastInboundAt, at),
  };
}
