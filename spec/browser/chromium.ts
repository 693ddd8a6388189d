import { existsSync } from 'node:fs';
import type { Context } from 'mocha';

/** Debian's Chromium; `.ci/run` installs it. `RX_LAMBDA_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env.RX_LAMBDA_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Containers often have a small /dev/shm; Chromium then writes its shared memory to /tmp.
  '--disable-dev-shm-usage',
];

/**
 * A mocha `before` hook body: goes on when Chromium is installed; without it, fails under
 * CI (where the test is required) and skips the suite elsewhere, saying why.
 */
export function requireChromium(this: Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI needs Debian's chromium package (.ci/run installs it)`);
  console.log(`      skipped: ${CHROMIUM} is not installed (apt-get install chromium); in CI (CI=true) this test is required`);
  this.skip();
}
