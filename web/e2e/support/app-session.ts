import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, requireChromium } from './browser';
import { startServer, type RunningServer } from './server';

const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** One server and one browser tab, plus the few steps every scenario repeats. */
export interface AppSession {
  server: RunningServer;
  page: Page;
  /** An absolute URL on the server under test. */
  at(path: string): string;
  /** Saves a full-page screenshot under web/test-output/. */
  shot(name: string): Promise<void>;
  navLink(name: string): ReturnType<Page['getByRole']>;
  /** document.documentElement.scrollWidth: more than the viewport means sideways scrolling. */
  pageWidth(): Promise<number>;
  /** Fills and submits whichever credentials form is showing (sign-in or sign-up). */
  submitCredentials(email: string, password: string): Promise<void>;
  /** Uncaught exceptions and console errors the page reported so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startAppSession(): Promise<AppSession> {
  requireChromium();
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await startServer();
  let context: BrowserContext | undefined;
  const userDataDir = await mkdtemp(join(tmpdir(), 'tollgate-e2e-chromium-'));
  const close = async () => {
    await context?.close();
    await server.stop();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    context = await launchBrowser(userDataDir);
  } catch (error) {
    await close();
    throw error;
  }
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });

  return {
    server,
    page,
    at: (path) => `${server.url}${path}`,
    shot: async (name) => {
      await page.screenshot({ path: join(OUTPUT_DIR, name), fullPage: true });
    },
    navLink: (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }),
    pageWidth: () => page.evaluate(() => document.documentElement.scrollWidth),
    submitCredentials: async (email, password) => {
      await page.getByTestId('email-input').fill(email);
      await page.getByTestId('password-input').fill(password);
      await page.getByTestId('submit').click();
    },
    pageErrors,
    close,
  };
}
