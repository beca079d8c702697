import { describe, expect, it, vi } from 'vitest';
import { memoize, type Translate } from './translate';

describe('memoize', () => {
  it('asks the browser once per string and substitution, and keeps them apart', () => {
    const raw = vi.fn<Translate>((key, subs) => `${key}:${subs?.join(',') ?? ''}`);
    const t = memoize(raw);
    expect(t('owned', ['Ana'])).toBe('owned:Ana');
    expect(t('owned', ['Ana'])).toBe('owned:Ana');
    expect(t('owned', ['Bruno'])).toBe('owned:Bruno');
    expect(t('claim')).toBe('claim:');
    expect(t('claim')).toBe('claim:');
    expect(raw).toHaveBeenCalledTimes(3);
  });
});
