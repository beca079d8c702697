// Messages the adapter saw in open chats, reported to the coordinator once per device: each is
// written down as pending, sent in batches of at most MAX_MESSAGE_BATCH, and marked sent. Every
// device reports what it sees and the coordinator records each message once; `sentByMe` on the
// sending device credits the reply to its agent, even when a plain report went first.
// Nothing is dropped in silence (issue #7): a report whose chat cannot be told apart yet, or
// that the coordinator refused, is held with the reason, retried when it can succeed (its
// conversation became known), and counted in the device's health meanwhile.
import { MAX_BODY_BYTES, MAX_MESSAGE_BATCH } from '../../shared/domain/limits';
import type { AutomaticKind } from '../../shared/domain/automatic';
import type { MessageSeen } from '../team';
import type { BatonDb, SeenRow } from './db';
import { HttpError, isRetryable } from './http';
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
  timeSource?: 'meta' | 'label' | 'neighbour';
  media?: boolean;
  sentByMe: boolean;
  automatic?: AutomaticKind;
  answer?: number;
}

export interface MessageReporterDeps {
  db: BatonDb;
  resolve(chat: MessageSeen['chat']): Promise<Resolution>;
  post(messages: MessageReport[]): Promise<unknown>;
  /** The conversation ids the coordinator no longer knows (merged away): resolve their chats again. */
  forget?(conversationIds: string[]): void;
  /** The number of held reports changed. */
  heldChanged?(count: number): void;
  now(): number;
}

export class MessageReporter {
  private writing: Promise<void> = Promise.resolve();
  private sending: Promise<void> | null = null;
  private again = false;
  /** Reports IndexedDB would not take (a full disk, a closed database): kept here and written again. */
  private unsaved: MessageSeen[] = [];
  private heldCount = 0;

  constructor(private readonly deps: MessageReporterDeps) {}

  /** Forgets reports older than REMEMBER_MS (held ones too: after two weeks they are history). */
  async load(): Promise<void> {
    await this.deps.db.seen.where('seenAt').below(this.deps.now() - REMEMBER_MS).delete();
    await this.countHeld();
  }

  /** Reports held back (ambiguous chat, refused) or not yet stored: what the device's health shows. */
  get held(): number {
    return this.heldCount + this.unsaved.length;
  }

  /** Writes down the messages not reported yet (in order, one call at a time), then sends. */
  seen(messages: MessageSeen[]): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = [...this.unsaved, ...messages];
      try {
        await this.write(batch);
        this.unsaved = [];
      } catch (error) {
        // Not lost: kept in memory, written with the next batch, and counted meanwhile.
        console.warn('[baton] could not store message reports; keeping them in memory', error);
        this.unsaved = batch;
        this.deps.heldChanged?.(this.held);
      }
    });
    return this.writing.then(() => this.flush());
  }

  /** Held reports try again (a chat became known, the coordinator merged a conversation). */
  async retryHeld(): Promise<void> {
    const db = this.deps.db;
    await db.transaction('rw', db.seen, async () => {
      const held = await db.seen.where('sent').equals(0).filter((row) => row.held === 'ambiguous' || row.held === 'unknown_conversation').toArray();
      if (held.length) await db.seen.bulkPut(held.map(({ held: _held, ...row }) => row));
    });
    await this.flush();
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
        ...(m.timeSource ? { timeSource: m.timeSource } : {}),
        ...(m.media ? { media: true } : {}),
        // Baton's own automatic message is nobody's reply, whoever's device saw it go.
        ...(m.automatic && m.direction === 'out' ? { automatic: m.automatic } : {}),
        sentByMe: m.direction === 'out' && !m.automatic && (m.sentByMe || !!earlier?.sentByMe),
        ...(m.answer && m.direction === 'in' ? { answer: m.answer } : (earlier?.answer ? { answer: earlier.answer } : {})),
        sent: 0,
        seenAt: this.deps.now(),
      });
    }
    const known = await this.deps.db.seen.bulkGet([...rows.keys()]);
    // Reported (or queued) already, unless this device now knows it sent the reply itself, or
    // now reads it as the answer to a question that reached it after the bubble did.
    const fresh = [...rows.values()].filter((row, i) => {
      const before = known[i];
      return !before || (row.sentByMe && !before.sentByMe) || (row.answer !== undefined && before.answer === undefined);
    });
    if (fresh.length) await this.deps.db.seen.bulkPut(fresh);
  }

  private async send(): Promise<void> {
    const pending = (await this.deps.db.seen.where('sent').equals(0).sortBy('seenAt')).filter((row) => !row.held);
    const ready: { row: SeenRow; report: MessageReport }[] = [];
    const ambiguous: SeenRow[] = [];
    for (const row of pending) {
      const resolution = await this.deps.resolve(row.chat);
      if (resolution.id) {
        const { waMessageId, direction, at, sentByMe, timeSource, media, automatic, answer } = row;
        ready.push({
          row,
          report: {
            conversationId: resolution.id,
            waMessageId,
            direction,
            at,
            sentByMe,
            ...(timeSource ? { timeSource } : {}),
            ...(media ? { media } : {}),
            ...(automatic ? { automatic } : {}),
            ...(answer ? { answer } : {}),
          },
        });
      } else if (resolution.final) {
        ambiguous.push(row); // a chat nobody can tell apart yet: held until something does
      }
      // else: unknown while offline; it stays pending for the next flush.
    }
    await this.hold(ambiguous, 'ambiguous');
    for (const batch of batches(ready)) {
      try {
        await this.deps.post(batch.map((b) => b.report));
      } catch (error) {
        if (isRetryable(error)) return; // sent again on reconnect
        await this.refused(batch, error);
        continue;
      }
      await this.markSent(batch.map((b) => b.row));
    }
    await this.countHeld();
  }

  /**
   * A refused batch: when conversations are unknown (merged away meanwhile), those chats are
   * resolved again and their reports held until then; the rest of the batch goes again. Any
   * other refusal holds the batch for good, counted in the device's health.
   */
  private async refused(batch: { row: SeenRow; report: MessageReport }[], error: unknown): Promise<void> {
    const body = error instanceof HttpError ? error.body : null;
    if (body?.error.code === 'unknown_conversation') {
      const ids = new Set(batch.map((b) => b.report.conversationId));
      const named = [...ids].filter((id) => body.error.message.includes(id));
      const unknown = new Set(named.length ? named : ids);
      this.deps.forget?.([...unknown]);
      await this.hold(batch.filter((b) => unknown.has(b.report.conversationId)).map((b) => b.row), 'unknown_conversation');
      // The others were refused only for the company they kept: they go with the next flush.
      if (unknown.size < ids.size) this.again = true;
      return;
    }
    console.warn('[baton] the coordinator refused message reports; they are kept and counted', error);
    await this.hold(batch.map((b) => b.row), 'refused');
  }

  private async hold(rows: SeenRow[], why: NonNullable<SeenRow['held']>): Promise<void> {
    if (rows.length) await this.deps.db.seen.bulkPut(rows.map((row) => ({ ...row, held: why })));
  }

  private async countHeld(): Promise<void> {
    const count = await this.deps.db.seen.where('sent').equals(0).filter((row) => !!row.held).count();
    if (count !== this.heldCount) {
      this.heldCount = count;
      this.deps.heldChanged?.(this.held);
    }
  }

  /** Marks rows sent, unless one was upgraded to `sentByMe` or an answer meanwhile (that report still has to go). */
  private async markSent(rows: SeenRow[]): Promise<void> {
    if (!rows.length) return;
    const db = this.deps.db;
    await db.transaction('rw', db.seen, async () => {
      const now = await db.seen.bulkGet(rows.map((r) => r.id));
      const done = rows.filter((row, i) => now[i] && now[i].sentByMe === row.sentByMe && now[i].answer === row.answer);
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
