import { beforeEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { signIn, signUp, type ApiSession } from './api';
import { launchBrowser, requireChromium } from './browser';
import { startServer, type RunningServer } from './server';

/** Every test user's password: long enough for the sign-up rules. */
export const USER_PASSWORD = 'Metered-Tokens-42';
const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** One server and one browser tab, plus the few steps every scenario repeats. */
export interface AppSession {
  server: RunningServer;
  page: Page;
  /** An absolute URL on the server under test. */
  at(path: string): string;
  /** Saves a screenshot of `of` (default: the first page) under web/test-output/: the full page, or what is in view. */
  shot(name: string, of?: Page, area?: 'full' | 'view'): Promise<void>;
  /**
   * A screen's link in the user app's navigation, to click: the menu holding it (the phone's menu
   * button, then its group's menu) is opened first, as a person would.
   */
  navLink(name: string, of?: Page): { click(): Promise<void> };
  /** Opens an admin screen from the console's sidebar, entering the console first (the top bar's Console link). */
  openInConsole(name: string, of?: Page): Promise<void>;
  /** Opens a screen from the user app's navigation, leaving the console first (its "Back to the app"). */
  openInApp(name: string, of?: Page): Promise<void>;
  /** document.documentElement.scrollWidth: more than the viewport means sideways scrolling. */
  pageWidth(): Promise<number>;
  /** Fills and submits whichever credentials form is showing (sign-in or sign-up). */
  submitCredentials(email: string, password: string): Promise<void>;
  /**
   * A page in a second browser with storage of its own, so a second person (an admin beside the
   * user) can be signed in at the same time. Closed with the session.
   */
  openSecondBrowser(): Promise<Page>;
  /**
   * A new user signed up over the API (`<prefix>-<random>@example.com`) and signed in on the first
   * page by storing the token, as the SPA does: the browser steps start from a signed-in user.
   */
  signInNewUser(prefix: string): Promise<ApiSession & { email: string }>;
  /** Signs the first page in as the server's admin, through the sign-in form. */
  signInAdmin(): Promise<void>;
  /** Runs `steps` on a 360 × 740 phone viewport, then puts the desktop one back. */
  onPhone(steps: () => Promise<void>): Promise<void>;
  /** The admin's API session (signed in once, over HTTP), for setting the scene. */
  adminApi(): Promise<ApiSession>;
  /** Uncaught exceptions and console errors the pages reported so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startAppSession(options: Parameters<typeof startServer>[0] = {}): Promise<AppSession> {
  requireChromium();
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await startServer(options);
  const browsers: { context: BrowserContext; userDataDir: string }[] = [];
  const close = async () => {
    for (const { context, userDataDir } of browsers) {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
    await server.stop();
  };
  const pageErrors: string[] = [];
  const openBrowser = async (name: string): Promise<Page> => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tollgate-e2e-chromium-'));
    let context: BrowserContext;
    try {
      context = await launchBrowser(userDataDir);
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
    browsers.push({ context, userDataDir });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(`${name} uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${name} console: ${message.text()}`);
    });
    return page;
  };
  let page: Page;
  try {
    page = await openBrowser('page');
  } catch (error) {
    await close();
    throw error;
  }

  let admin: Promise<ApiSession> | undefined;
  return {
    server,
    page,
    at: (path) => `${server.url}${path}`,
    shot: async (name, of = page, area = 'full') => {
      await of.screenshot({ path: join(OUTPUT_DIR, name), fullPage: area === 'full' });
    },
    navLink: (name, of = page) => ({ click: () => clickNavLink(of, name) }),
    // Each waits for a signed-in frame first (an admin's sign-in lands in the console, a moment later).
    openInConsole: async (name, of = page) => {
      const shell = of.getByTestId('console');
      await of.locator('[data-testid="console"], [data-testid="console-link"]').first().waitFor();
      // The sign-in's own move to the console may take the link away between looking and clicking:
      // short tries, one at a time, until the console is there (no click left running behind us).
      for (let i = 0; i < 40 && (await shell.count()) === 0; i++) {
        await of
          .getByTestId('console-link')
          .click({ timeout: 500 })
          .catch(() => undefined);
        await shell.waitFor({ timeout: 500 }).catch(() => undefined);
      }
      await shell.waitFor();
      await of.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();
    },
    openInApp: async (name, of = page) => {
      await of.locator('[data-testid="console"], nav[aria-label="Main"]').first().waitFor();
      if ((await of.getByTestId('console').count()) > 0) await of.getByTestId('back-to-app').click();
      await clickNavLink(of, name);
    },
    // Two animation frames first: charts resize through ResizeObserver after a viewport change, a frame later.
    pageWidth: () =>
      page.evaluate(async () => {
        for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
        return document.documentElement.scrollWidth;
      }),
    submitCredentials: async (email, password) => {
      await page.getByTestId('email-input').fill(email);
      await page.getByTestId('password-input').fill(password);
      await page.getByTestId('submit').click();
    },
    openSecondBrowser: () => openBrowser('second page'),
    signInNewUser: async (prefix) => {
      const email = `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
      const user = await signUp(server.url, email, USER_PASSWORD);
      await page.goto(`${server.url}/sign-in`);
      await page.evaluate((token) => localStorage.setItem('tollgate.token', token), user.token);
      return { ...user, email };
    },
    signInAdmin: async () => {
      await page.goto(`${server.url}/sign-in`);
      await page.getByTestId('email-input').fill(server.admin.email);
      await page.getByTestId('password-input').fill(server.admin.password);
      await page.getByTestId('submit').click();
      await page.getByTestId('user-email').waitFor();
    },
    onPhone: async (steps) => {
      await page.setViewportSize({ width: 360, height: 740 });
      try {
        await steps();
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
    adminApi: () => (admin ??= signIn(server.url, server.admin.email, server.admin.password)),
    pageErrors,
    close,
  };
}

/**
 * On a failed test: a screenshot of each page (`extra` names more than the session's own) and the
 * server's last output, so a CI failure can be read without a rerun. Call inside a `describe`.
 */
export function reportFailures(session: () => AppSession | undefined, extra: () => Record<string, Page | undefined> = () => ({})): void {
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const app = session();
      const name = task.name.replace(/\W+/g, '-');
      await app?.shot(`failed-${name}.png`).catch(() => {});
      for (const [label, page] of Object.entries(extra())) if (page) await app?.shot(`failed-${name}-${label}.png`, page).catch(() => {});
      console.error(`server output:\n${app?.server.output()}`);
    });
  });
}

/**
 * Clicks a link of the user app's navigation (web/src/layout/NavLinks.tsx), opening what hides it first:
 * on a phone the folded menu, at desktop width the group's menu (Build, Billing, Settings) it sits in.
 */
export async function clickNavLink(page: Page, name: string): Promise<void> {
  // By CSS, not by role: on a phone the whole navigation is folded away (hidden), yet there.
  const nav = page.locator('nav[aria-label="Main"]');
  await nav.waitFor({ state: 'attached' });
  const named = (root: Page | Locator) => root.locator('a.nav-link').filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  const link = named(nav);
  if (!(await link.isVisible())) {
    const menuButton = page.getByTestId('menu-button');
    if ((await menuButton.isVisible()) && (await menuButton.getAttribute('aria-expanded')) !== 'true') await menuButton.click();
  }
  if (!(await link.isVisible())) {
    // `has` matches inside each group, so its locator starts from the page, not from the nav.
    const group = nav.locator('[data-nav-group]').filter({ has: named(page) });
    if ((await group.count()) > 0) await group.locator('button.nav-group-button').click();
  }
  await link.click();
}
