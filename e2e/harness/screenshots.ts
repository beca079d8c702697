// A failing browser test keeps a screenshot of every page it had open, in test-results/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { onTestFailed, type TestContext } from 'vitest';
import { ROOT } from './extension-build';

export const RESULTS_DIR = resolve(ROOT, 'test-results');

export function screenshotsOnFailure(context: TestContext, pages: () => Page[]): void {
  onTestFailed(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const name = context.task.name.replace(/[^\w-]+/g, '-').slice(0, 80);
    let i = 0;
    for (const page of pages()) {
      if (page.isClosed()) continue;
      const file = resolve(RESULTS_DIR, `${name}-${++i}.png`);
      await page.screenshot({ path: file, fullPage: false }).catch(() => undefined);
      console.error(`screenshot kept: ${file}`);
    }
  });
}
