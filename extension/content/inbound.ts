// A customer message is known within seconds whether or not anyone opens the chat (issue #7):
// every linked device sees the row change. An unread count that rises, or a preview or time that
// changes on a row whose last message is not ours, is an inbound signal; the coordinator keeps
// the earliest across devices and reconciles it with the real message once a device reads it.
import { normalizeTitle } from '../../shared/domain/identity';
import type { InboundSignal } from '../messaging';
import { previewText, type ReadRow } from '../whatsapp/chat-list';
import { parseClock } from '../whatsapp/times';

interface RowState {
  unread: number;
  time: string;
  preview: string;
}

/**
 * How close to this device's clock a row's time must be for its first sighting to be news. The
 * list shows minutes, and a row can take a few seconds to be read; scrolling brings older rows
 * into view for the first time too, and those show older times.
 */
export const FIRST_SIGHT_WINDOW_MINUTES = 2;

/** Whether a row's clock time ("10:42") is within FIRST_SIGHT_WINDOW_MINUTES of `now`, local time. */
function justNow(time: string, now: number): boolean {
  const clock = parseClock(time);
  if (!clock) return false;
  const d = new Date(now);
  const minutesNow = d.getHours() * 60 + d.getMinutes();
  const apart = (minutesNow - (clock.hours * 60 + clock.minutes) + 1440) % 1440;
  return apart <= FIRST_SIGHT_WINDOW_MINUTES;
}

/**
 * Compares each row with how this device saw it last. A row seen for the first time is news only
 * when it shows unread messages from the customer at a time of just now: a new customer's chat
 * arriving (or one that arrived moments before the page opened); otherwise it is a baseline.
 */
export class InboundDetector {
  private readonly last = new Map<string, RowState>();

  constructor(private readonly now: () => number) {}

  read(rows: ReadRow[]): InboundSignal[] {
    const signals: InboundSignal[] = [];
    for (const row of rows) {
      // Two rows nothing tells apart: a signal could not say which customer wrote.
      if (row.shared) continue;
      const key = `${normalizeTitle(row.title)}\n${row.avatar ?? ''}`;
      const before = this.last.get(key);
      this.last.set(key, { unread: row.unread, time: row.time, preview: row.preview });
      if (row.lastOut) continue;
      if (!before) {
        if (row.unread > 0 && justNow(row.time, this.now())) signals.push(this.signal(row));
        continue;
      }
      const rose = row.unread > before.unread;
      // At midnight "10:42" becomes "Yesterday" with no message: only a new clock time counts.
      const newTime = row.time !== before.time && parseClock(row.time) !== null;
      const newPreview = row.preview !== before.preview && row.preview !== '';
      if (rose || newTime || newPreview) signals.push(this.signal(row));
    }
    return signals;
  }

  private signal(row: ReadRow): InboundSignal {
    const text = previewText(row.element);
    return { chat: { title: row.title, jid: null, avatar: row.avatar, shared: false }, at: new Date(this.now()).toISOString(), unread: row.unread, ...(text ? { text } : {}) };
  }
}
