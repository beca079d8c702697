import { describe, expect, it } from 'vitest';
import { AUTOMATIC_LEASE_MS, AUTOMATIC_MAX_AGE_MS, AUTOMATIC_MAX_ATTEMPTS, AWAY_EVERY_MS, chooseSender, intentKindFor, type SenderCandidate } from './automatic';

const on = { enabled: true };
const off = { enabled: false };
const device = (deviceId: string, extra: Partial<SenderCandidate> = {}): SenderCandidate => ({ deviceId, typing: false, leases: 0, readySince: 0, ...extra });

describe('automatic messages', () => {
  it('a lease lasts 60 s and an intent gets 5 of them', () => {
    expect(AUTOMATIC_LEASE_MS).toBe(60_000);
    expect(AUTOMATIC_MAX_ATTEMPTS).toBe(5);
    // Old news gets no automatic answer, and what could not go in 15 minutes is dropped; one away a day.
    expect(AUTOMATIC_MAX_AGE_MS).toBe(15 * 60_000);
    expect(AWAY_EVERY_MS).toBe(24 * 60 * 60_000);
  });

  it('away while closed, greeting while open, each only when enabled', () => {
    expect(intentKindFor({ greeting: on, away: on }, false)).toBe('away');
    expect(intentKindFor({ greeting: on, away: on }, true)).toBe('greeting');
    expect(intentKindFor({ greeting: on, away: off }, false)).toBeNull();
    expect(intentKindFor({ greeting: off, away: on }, true)).toBeNull();
  });

  it('leases to a device nobody types at, avoiding the previous holder while another is ready', () => {
    expect(chooseSender([], null)).toBeNull();
    expect(chooseSender([device('a', { typing: true }), device('b', { readySince: 5 })], null)).toBe('b');
    expect(chooseSender([device('a'), device('b', { typing: true })], 'a')).toBe('b');
    expect(chooseSender([device('a')], 'a')).toBe('a');
    expect(chooseSender([device('a', { leases: 2 }), device('b', { leases: 1, readySince: 9 })], null)).toBe('b');
    expect(chooseSender([device('b', { readySince: 2 }), device('a', { readySince: 1 })], null)).toBe('a');
  });
});
