// Browser suites are declared `describe.skipIf(NO_BROWSER)(...)`: without Chromium they are
// skipped, and said so loudly (the closing line of `npm test` counts them as skipped), unless
// BATON_REQUIRE_BROWSER=1, where chromium.ts fails the run instead.
import { HAVE_CHROMIUM, INSTALL_HINT } from './chromium';

export const NO_BROWSER = !HAVE_CHROMIUM;

if (NO_BROWSER) console.warn(`\n!!! BROWSER TESTS SKIPPED: no Chromium. ${INSTALL_HINT}\n`);
