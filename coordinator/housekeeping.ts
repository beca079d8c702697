// The coordinator's clock: what has to happen because time passed, run every few seconds by
// index.ts and called directly by tests with injected time.
import { lt, or, isNotNull } from 'drizzle-orm';
import type { Deps } from './deps';
import { idempotencyKeys, pairingCodes, sessions } from './db/schema';
import { sweepPresence } from './presence';
import { wakeSnoozed } from './routes/conversations';

/** Idempotency keys protect retries and offline queues; a day covers any realistic replay. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export function housekeeping(deps: Deps) {
  const now = deps.now();
  return {
    wentOffline: sweepPresence(deps),
    woken: wakeSnoozed(deps),
    keysPruned: deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_KEY_TTL_MS)).run().changes,
    sessionsEnded: deps.db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
    codesPruned: deps.db
      .delete(pairingCodes)
      .where(or(lt(pairingCodes.expiresAt, now), isNotNull(pairingCodes.usedAt)))
      .run().changes,
  };
}
