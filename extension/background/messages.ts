// Messages the adapter saw in open chats, reported to the coordinator once per device: each is
// written down as pending, sent in batches of at most MAX_MESSAGE_BATCH, and marked sent. Every
// device reports what it sees and the coordinator records each message once; `sentByMe` on the
// sending device credits the reply to its agent, even when a plain report went first.
import { MAX_BODY_BYTES, MAX_MESSAGE_BATCH } from '../../shared/domain/limits';
import type { MessageSeen } from '../team';
import type { BatonDb, SeenRow } from './db';
import { isRetryable } from './http';
import type { Resolution } from './chats';

/** A batch stays under the coordinator's body limit too (WhatsApp's message ids are long). */
const BATCH_BYTES = MAX_BODY_BYTES - 1024;

/** Reports are kept this long so a chat scrolled again is not reported again. */
const REMEMBER_MS = 14 * 24 * 60 * 60 * 1000;

export interface MessageReport {
  conversationId: string;
  waMessageId: string;
  direction: 'in' | 'out';
  at: string;
  sentByMe: boolean;
}

export interface MessageReporterDeps {
  db: BatonDb;
  resolve(chat: MessageSeen['chat']): Promise<Resolution>;
  post(messages: MessageReport[]): Promise<unknown>;
  now(): number;
}

export class MessageReporter {
  private writing: Promise<void> = Promise.resolve();
  private sending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: MessageReporterDeps) {}

  /** Forgets reports older than REMEMBER_MS. */
  async load(): Promise<void> {
    await this.deps.db.seen.where('seenAt').below(this.deps.now() - REMEMBER_MS).delete();
  }

  /** Writes down the messages not reported yet (in order, one call at a time), then sends. */
  seen(messages: MessageSeen[]): Promise<void> {
    this.writing = this.writing.then(() => this.write(messages)).catch(() => undefined);
    return this.writing.then(() => this.flush());
  }

  /** Sends what is pending; resolves when done or when the coordinator is unreachable. */
  flush(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return this.sending;
    }
    this.sending = (async () => {
      do {
        this.again = false;
        await this.send();
      } while (this.again);
    })().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async write(messages: MessageSeen[]): Promise<void> {
    const rows = new Map<string, SeenRow>();
    for (const m of messages) {
      const id = `${m.direction}|${m.waMessageId}`;
      const earlier = rows.get(id);
      rows.set(id, {
        id,
        chat: m.chat,
        waMessageId: m.waMessageId,
        direction: m.direction,
        at: m.at,
        sentByMe: m.direction === 'out' && (m.sentByMe || !!earlier?.sentByMe),
        sent: 0,
        seenAt: this.deps.now(),
      });
    }
    const known = await this.deps.db.seen.bulkGet([...rows.keys()]);
    // Reported (or queued) already, unless this device now knows it sent the reply itself.
    const fresh = [...rows.values()].filter((row, i) => {
      const before = known[i];
      return !before || (row.sentByMe && !before.sentByMe);
    });
    if (fresh.length) await this.deps.db.seen.bulkPut(fresh);
  }

  private async send(): Promise<void> {
    const pending = await this.deps.db.seen.where('sent').equals(0).sortBy('seenAt');
    const ready: { row: SeenRow; report: MessageReport }[] = [];
    const dropped: SeenRow[] = [];
    for (const row of pending) {
      const resolution = await this.deps.resolve(row.chat);
      if (resolution.id) {
        ready.push({ row, report: { conversationId: resolution.id, waMessageId: row.waMessageId, direction: row.direction, at: row.at, sentByMe: row.sentByMe } });
      } else if (resolution.final) {
        dropped.push(row); // a chat nobody can tell apart: its messages cannot be attributed
      }
      // else: unknown while offline; it stays pending for the next flush.
    }
    await this.markSent(dropped);
    for (const batch of batches(ready)) {
      try {
        await this.deps.post(batch.map((b) => b.report));
      } catch (error) {
        if (isRetryable(error)) return; // sent again on reconnect
        // Refused (a conversation merged away meanwhile, say): reporting it again will not help.
      }
      await this.markSent(batch.map((b) => b.row));
    }
  }

  /** Marks rows sent, unless one was upgraded to `sentByMe` meanwhile (that report still has to go). */
  private async markSent(rows: SeenRow[]): Promise<void> {
    if (!rows.length) return;
    const db = this.deps.db;
    await db.transaction('rw', db.seen, async () => {
      const now = await db.seen.bulkGet(rows.map((r) => r.id));
      const done = rows.filter((row, i) => now[i] && now[i].sentByMe === row.sentByMe);
      await db.seen.bulkPut(done.map((row) => ({ ...row, sent: 1 as const })));
    });
  }
}

/** Consecutive runs of at most MAX_MESSAGE_BATCH reports and BATCH_BYTES of JSON each. */
function batches<T extends { report: MessageReport }>(items: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item.report).length + 1;
    if (current.length && (current.length >= MAX_MESSAGE_BATCH || bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
