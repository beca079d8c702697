// The coordinator's clock: what has to happen because time passed, run every few seconds by
// index.ts and called directly by tests with injected time.
import { and, eq, gt, isNotNull, lt, or } from 'drizzle-orm';
import type { Deps } from './deps';
import { idempotencyKeys, pairingCodes, sessions } from './db/schema';
import { sweepPresence } from './presence';
import { wakeSnoozed } from './routes/conversations';
import { tendRouting } from './routing-clock';
import { tendAutomatic } from './automatic';

/** Idempotency keys protect retries and offline queues; a day covers any realistic replay. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export function housekeeping(deps: Deps) {
  const now = deps.now();
  return {
    wentOffline: sweepPresence(deps),
    woken: wakeSnoozed(deps),
    ...tendRouting(deps),
    // After routing: a lease that ran out goes to another device that can send.
    ...tendAutomatic(deps),
    keysPruned: deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_KEY_TTL_MS)).run().changes,
    sessionsEnded: deps.db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
    // Sessions that ended where the hub could not see it (expiry; `reset-password` run from the
    // command line against the same database): their live connections close too.
    socketsClosed: deps.hub.disconnect(
      (p) => !deps.db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.id, p.sessionId), gt(sessions.expiresAt, now))).get(),
      'Your session ended: sign in again',
    ),
    codesPruned: deps.db
      .delete(pairingCodes)
      .where(or(lt(pairingCodes.expiresAt, now), isNotNull(pairingCodes.usedAt)))
      .run().changes,
  };
}
