import { defineConfig } from 'vitest/config';

// Two groups, run one after the other: the fast unit and server tests in parallel, then the
// browser tests one file at a time (each starts Chromium profiles, a simulator and a coordinator;
// two cores cannot run two such worlds side by side without timing out).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'coordinator/**/*.test.ts', 'extension/**/*.test.{ts,tsx}', 'e2e/sim/sim.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.test.ts', 'e2e/sim/sim-browser.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
