// Every action is written here before anything else happens, then sent to the coordinator one at
// a time in the order the agent did them, each with its own Idempotency-Key: a replay after a
// lost answer or a restarted worker changes nothing. Unreachable or 5xx: keep it and retry with
// back-off (and at once on reconnect). Any other refusal is final: drop it and say why.
import type { Action } from '../team';
import type { BatonDb, OutboxRow } from './db';
import { backoff, HttpError, isRetryable } from './http';

export interface OutboxDeps {
  db: BatonDb;
  /** Sends one action; resolves with the coordinator's answer. */
  send(row: OutboxRow): Promise<unknown>;
  /** The coordinator accepted it (or had already: a replay). */
  accepted(row: OutboxRow, answer: unknown): void;
  /** The coordinator refused it for good. */
  refused(row: OutboxRow, error: HttpError): void;
  /** A row came or went (null: all of them did). */
  changed(row: OutboxRow | null): void;
  retryBaseMs?: number;
}

export class Outbox {
  private rows: OutboxRow[] = [];
  private nextOrder = 1;
  private running: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(private readonly deps: OutboxDeps) {}

  async load(): Promise<void> {
    this.rows = await this.deps.db.outbox.orderBy('order').toArray();
    this.nextOrder = (this.rows.at(-1)?.order ?? 0) + 1;
  }

  /** Actions not yet accepted, oldest first. */
  get pending(): readonly OutboxRow[] {
    return this.rows;
  }

  /** Writes an action (durably) and returns its row; call `flush()` to send it. */
  async add(action: Action, now: Date): Promise<OutboxRow> {
    const row: OutboxRow = { key: crypto.randomUUID(), order: this.nextOrder++, action, createdAt: now.toISOString(), attempts: 0 };
    await this.deps.db.outbox.put(row);
    this.rows.push(row);
    this.deps.changed(row);
    return row;
  }

  /** Starts sending if not already; resolves when the outbox is empty or must wait. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    clearTimeout(this.retryTimer);
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sends again now rather than after the back-off (the coordinator just came back). */
  retryNow(): Promise<void> {
    this.failures = 0;
    return this.flush();
  }

  /** Forgets every queued action (sign-out: they were another session's). */
  async clear(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.running;
    this.rows = [];
    await this.deps.db.outbox.clear();
    this.deps.changed(null);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private async run(): Promise<void> {
    while (this.rows.length && !this.stopped) {
      const row = this.rows[0]!;
      try {
        const answer = await this.deps.send(row);
        this.failures = 0;
        await this.remove(row, () => this.deps.accepted(row, answer));
      } catch (error) {
        if (isRetryable(error)) {
          row.attempts++;
          await this.deps.db.outbox.update(row.key, { attempts: row.attempts }).catch(() => undefined);
          this.retryTimer = setTimeout(() => void this.flush(), backoff(this.failures++, this.deps.retryBaseMs));
          return;
        }
        if (error instanceof HttpError && error.status !== 401) {
          const refusal = error;
          await this.remove(row, () => this.deps.refused(row, refusal));
          continue;
        }
        // Signed out, or not signed in yet: wait for the next session to flush.
        return;
      }
    }
  }

  /** Drops a row; `then` runs once it is out of the pending list and before anyone is told. */
  private async remove(row: OutboxRow, then: () => void): Promise<void> {
    this.rows = this.rows.filter((r) => r.key !== row.key);
    then();
    this.deps.changed(row);
    await this.deps.db.outbox.delete(row.key);
  }
}
