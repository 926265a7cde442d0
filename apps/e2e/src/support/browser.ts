// A real Chromium for the browser suites: Debian's /usr/bin/chromium driven by
// playwright-core (browser downloads are impossible here; `npm test` installs the package
// with apt-get when it is missing). Screenshots go under the suite's log folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where a suite's screenshots go (printed by the suite, kept after the run). */
export function screenshotDir(suite: string): string {
  const dir = path.join(process.env['E2E_LOG_DIR'] ?? '/tmp', 'screenshots', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
