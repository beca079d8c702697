// A browser profile with the built extension loaded, reaching the simulator as
// https://web.whatsapp.com (TOOLCHAIN.md: Chromium flags that work here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

export interface Profile {
  context: BrowserContext;
  /** Empty, and `worker` null, in a baseline profile opened without the extension. */
  extensionId: string;
  worker: Worker | null;
  /** WhatsApp Web (the simulator) in this profile. */
  whatsapp(query?: string): Promise<Page>;
  popup(): Promise<Page>;
  close(): Promise<void>;
}

/** A browser profile; `extensionDir: null` opens a baseline profile without the extension (for benchmarks). */
export async function openProfile(options: { extensionDir: string | null; simPort: number }): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    args: [
      ...(options.extensionDir ? [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`] : []),
      `--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${options.simPort},MAP * ~NOTFOUND,EXCLUDE localhost,EXCLUDE 127.0.0.1`,
      '--ignore-certificate-errors',
      ...CHROMIUM_ARGS,
    ],
  });
  // The extension id depends on the folder it is loaded from: read it off the service worker.
  const worker = !options.extensionDir
    ? null
    : (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 })));
  const extensionId = worker ? new URL(worker.url()).host : '';
  return {
    context,
    extensionId,
    worker,
    async whatsapp(query = '') {
      const page = await context.newPage();
      await page.goto(`https://web.whatsapp.com/${query}`);
      return page;
    },
    async popup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
