import { describe, expect, it, vi } from 'vitest';
import { memoize } from './translate';

describe('memoize', () => {
  it('asks the browser once per string and substitution, and keeps them apart', () => {
    const raw = vi.fn((key: string, subs?: string[]) => `${key}:${subs?.join(',') ?? ''}`);
    const t = memoize(raw);
    expect(t('owned', ['Ana'])).toBe('owned:Ana');
    expect(t('owned', ['Ana'])).toBe('owned:Ana');
    expect(t('owned', ['Bruno'])).toBe('owned:Bruno');
    expect(t('claim')).toBe('claim:');
    expect(t('claim')).toBe('claim:');
    expect(raw).toHaveBeenCalledTimes(3);
  });
});
