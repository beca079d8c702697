import { describe, expect, it } from 'vitest';
import { housekeeping } from '../housekeeping';
import { testCoordinator } from './harness';

describe('housekeeping', () => {
  it('forgets old idempotency keys, expired sessions and spent pairing codes, and sweeps presence', async () => {
    const t = testCoordinator();
    const owner = await t.setup();
    await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' }, headers: { 'idempotency-key': 'k1' } });
    await t.linkDevice(owner.token, 'Counter'); // a used code
    await t.call('POST', '/pairing-codes', { token: owner.token }); // an unused one
    expect(housekeeping(t.deps)).toMatchObject({ wentOffline: 0, woken: 0, keysPruned: 0, sessionsEnded: 0, socketsClosed: 0, codesPruned: 1 });

    t.advance(24 * 3600_000 + 1);
    expect(housekeeping(t.deps)).toMatchObject({ wentOffline: 1, woken: 0, keysPruned: 1, sessionsEnded: 0, socketsClosed: 0, codesPruned: 1 });
    // The key is gone, so the same key makes a new request (here refused: the tag exists).
    const again = await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' }, headers: { 'idempotency-key': 'k1' } });
    expect(again.body.error.code).toBe('tag_exists');

    t.advance(30 * 24 * 3600_000);
    expect(housekeeping(t.deps).sessionsEnded).toBe(1);
    t.close();
  });
});
