// Finds Debian's Chromium. Without it, browser tests are skipped loudly, unless
// BATON_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser is a failure.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const REQUIRE_BROWSER = process.env.BATON_REQUIRE_BROWSER === '1';
export const INSTALL_HINT = `Browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install -y chromium (or set BATON_CHROMIUM)`;

if (!HAVE_CHROMIUM && REQUIRE_BROWSER) throw new Error(`BATON_REQUIRE_BROWSER=1 but no browser. ${INSTALL_HINT}`);

/** Flags this machine needs (TOOLCHAIN.md): no sandbox as root, no GPU, and no background calls to Google, which the closed network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
