// A customer message is known within seconds whether or not anyone opens the chat (issue #7):
// every linked device sees the row change. An unread count that rises, or a preview or time that
// changes on a row whose last message is not ours, is an inbound signal; the coordinator keeps
// the earliest across devices and reconciles it with the real message once a device reads it.
import { normalizeTitle } from '../../shared/domain/identity';
import type { InboundSignal } from '../messaging';
import type { ChatRow } from '../whatsapp/chat-list';
import { parseClock } from '../whatsapp/times';

interface RowState {
  unread: number;
  time: string;
  preview: string;
}

/** Compares each row with how this device saw it last; the first sighting of a row is only a baseline. */
export class InboundDetector {
  private readonly last = new Map<string, RowState>();

  constructor(private readonly now: () => number) {}

  read(rows: ChatRow[]): InboundSignal[] {
    const signals: InboundSignal[] = [];
    for (const row of rows) {
      // Two rows nothing tells apart: a signal could not say which customer wrote.
      if (row.shared) continue;
      const key = `${normalizeTitle(row.title)}\n${row.avatar ?? ''}`;
      const before = this.last.get(key);
      this.last.set(key, { unread: row.unread, time: row.time, preview: row.preview });
      if (!before || row.lastOut) continue;
      const rose = row.unread > before.unread;
      // At midnight "10:42" becomes "Yesterday" with no message: only a new clock time counts.
      const newTime = row.time !== before.time && parseClock(row.time) !== null;
      const newPreview = row.preview !== before.preview && row.preview !== '';
      if (rose || newTime || newPreview) {
        signals.push({ chat: { title: row.title, jid: null, avatar: row.avatar, shared: false }, at: new Date(this.now()).toISOString(), unread: row.unread });
      }
    }
    return signals;
  }
}
