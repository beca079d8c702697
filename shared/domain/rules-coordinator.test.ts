import { describe, expect, it } from 'vitest';
import { firstMatchingRule, readsText } from './rules';

const rules = [
  { id: 'refunds', name: 'Refunds', when: { keywords: ['refund'] } },
  { id: 'vip', name: 'VIP', when: { tags: ['vip'] } },
  { id: 'es-vip', name: 'Spanish VIP', when: { languages: ['es'], tags: ['vip'] } },
  { id: 'all', name: 'Everyone else', when: {} },
];

describe("firstMatchingRule: the coordinator's half of the rules", () => {
  it('takes the first rule in order whose reported text conditions and tags hold', () => {
    expect(firstMatchingRule(rules, ['refunds'], [])?.id).toBe('refunds');
    expect(firstMatchingRule(rules, ['es-vip'], ['vip'])?.id).toBe('vip');
    expect(firstMatchingRule(rules, new Set(['es-vip']), ['regular'])?.id).toBe('all');
    expect(firstMatchingRule(rules.slice(0, 3), [], ['regular'])).toBeNull();
  });

  it('never takes a text rule the browser did not report', () => {
    expect(firstMatchingRule(rules.slice(0, 1), [], ['vip'])).toBeNull();
    expect(readsText(rules[0]!)).toBe(true);
    expect(readsText(rules[1]!)).toBe(false);
  });
});
