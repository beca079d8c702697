// Every feature file is registered once and has a test of its own (CONVENTIONS.md #1).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURES } from './index';

describe('feature registry', () => {
  it('lists every file in features/ exactly once, each with its test', () => {
    const files = readdirSync(import.meta.dirname);
    const features = files.filter((f) => f.endsWith('.tsx') && !f.includes('.test.')).map((f) => f.replace(/\.tsx$/, ''));
    expect(FEATURES.map((f) => f.id).sort()).toEqual(features.sort());
    for (const id of features) expect(files, `${id} has no test`).toContain(`${id}.test.tsx`);
  });
});
