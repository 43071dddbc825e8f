import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`): Playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
/** Without a browser, CI must fail; a developer's machine skips the suite with a loud warning. */
export const SKIP_BROWSER_TESTS = !HAS_CHROMIUM && !process.env.CI;

if (SKIP_BROWSER_TESTS) {
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `!!  BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}`,
      '!!  Install it with `apt-get install -y chromium`, or point CHROMIUM_PATH at one.',
      '!!  (With CI set, a missing Chromium fails the run instead.)',
      line,
    ].join('\n'),
  );
}

export function requireChromium(): void {
  if (!HAS_CHROMIUM) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH} (CI is set, so the browser tests fail rather than skip)`);
  }
}

export function launchBrowser(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    // So the Copy button can be exercised without a permission prompt.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}
