import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

describe.skipIf(SKIP_BROWSER_TESTS)('Tollgate in a browser', () => {
  let app: AppSession;
  let page: Page;
  const user = { email: `e2e-${randomBytes(4).toString('hex')}@example.com`, password: 'Metered-Tokens-42' };
  let keyPrefix = '';

  const at = (path: string) => app.at(path);
  const shot = (name: string) => app.shot(name);
  const navLink = (name: string) => app.navLink(name);
  const bodyFitsWidth = () => app.pageWidth();
  const signIn = (email: string, password: string) => app.submitCredentials(email, password);

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('sends a visitor who is not signed in to sign-in', async () => {
    await page.goto(at('/api-keys'));
    await page.waitForURL(at('/sign-in'));
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });

  it('checks the sign-up form in the browser before sending it', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(at('/sign-up'));
    await signIn('not-an-email', 'short');
    await expect(page.getByTestId('email-error').textContent()).resolves.toBe('Email is not a valid address');
    await expect(page.getByTestId('password-error').textContent()).resolves.toBe('Password must be at least 10 characters');
    await shot('sign-up-errors.png');
  });

  it('signs up a new user and lands on the dashboard showing their email', async () => {
    await signIn(user.email, user.password);
    await page.waitForURL(at('/'));
    await expect(page.getByTestId('user-email').textContent()).resolves.toBe(user.email);
    await expect(page.getByTestId('dashboard-email').textContent()).resolves.toBe(user.email);
    await expect(page.getByTestId('dashboard-role').textContent()).resolves.toBe('User');
    await shot('dashboard.png');

    await page.getByTestId('theme-toggle').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await shot('dashboard-dark.png');
  });

  it('keeps the chosen theme after a reload', async () => {
    await page.reload();
    await page.getByTestId('user-email').waitFor();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await page.getByTestId('theme-toggle').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
  });

  it('keeps the navigation to one short row, its groups opened and closed from the keyboard', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const entries = nav.locator('.nav-row > li');
    const entryNames = entries.evaluateAll((items) => items.map((item) => item.querySelector('a, button')?.textContent?.replace('▾', '').trim()));
    await expect(entryNames).resolves.toEqual(['Dashboard', 'Playground', 'Build', 'Billing', 'Settings']);
    // One row: every entry's top edge at the same height.
    const tops = await entries.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await expect(page.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).resolves.toBe('page');

    const build = nav.getByRole('button', { name: 'Build' });
    await expect(build.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(nav.getByRole('link', { name: 'API keys' }).count()).resolves.toBe(0);
    await build.focus();
    await page.keyboard.press('Enter');
    await expect(build.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Models');
    await shot('nav-build-open.png');
    await page.keyboard.press('Escape');
    await expect(build.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(build.evaluate((button) => button === document.activeElement)).resolves.toBe(true);

    // Opening one group closes the other; a click elsewhere closes it too.
    await build.click();
    await nav.getByRole('button', { name: 'Billing' }).click();
    await expect(build.getAttribute('aria-expanded')).resolves.toBe('false');
    await nav.getByRole('link', { name: 'Transactions' }).waitFor();
    await page.getByRole('heading', { name: 'Dashboard' }).click();
    await expect(nav.getByRole('button', { name: 'Billing' }).getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it("shows a new key's secret once, right after creating it", async () => {
    await navLink('API keys').click();
    await page.waitForURL(at('/api-keys'));
    await page.getByTestId('api-keys-empty').waitFor();
    await expect(page.getByTestId('scope-admin').count()).resolves.toBe(0);

    await page.getByTestId('name-input').fill('e2e backend');
    await page.getByTestId('scope-completions').check();
    await page.getByTestId('scope-read').check();
    await page.getByTestId('create-api-key').click();

    const secret = await page.getByTestId('api-key-secret').inputValue();
    expect(secret).toMatch(/^tg_/);
    const row = page.getByTestId('api-key-row');
    await expect(row.count()).resolves.toBe(1);
    keyPrefix = (await row.getByTestId('api-key-prefix').textContent()) ?? '';
    expect(keyPrefix).toMatch(/^tg_.+…$/);
    expect(secret.startsWith(keyPrefix.slice(0, -1))).toBe(true);
    await expect(row.textContent()).resolves.toContain('completions');
    await expect(row.textContent()).resolves.toContain('read');
    await shot('api-keys.png');
    await page.getByTestId('theme-toggle').click();
    await shot('api-keys-dark.png');
    await page.getByTestId('theme-toggle').click();

    await page.getByTestId('copy-secret').click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
  });

  it('forgets the secret after navigating away and after a reload, but keeps the key', async () => {
    await navLink('Dashboard').click();
    await page.waitForURL(at('/'));
    await navLink('API keys').click();
    await page.getByTestId('api-key-row').waitFor();
    await expect(page.getByTestId('api-key-secret').count()).resolves.toBe(0);
    await expect(page.getByTestId('api-key-prefix').textContent()).resolves.toBe(keyPrefix);

    await page.reload();
    await page.getByTestId('api-key-row').waitFor();
    await expect(page.getByTestId('api-key-secret').count()).resolves.toBe(0);
    await expect(page.getByTestId('api-key-prefix').textContent()).resolves.toBe(keyPrefix);
  });

  it('revokes a key only after confirmation, and marks it revoked', async () => {
    const row = page.getByTestId('api-key-row');
    await row.getByTestId('revoke-api-key').click();
    await page.getByTestId('confirm-cancel').click();
    await expect(row.getByTestId('api-key-status').textContent()).resolves.toBe('Active');

    await row.getByTestId('revoke-api-key').click();
    await shot('revoke-dialog.png');
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-testid="api-key-row"][data-revoked="true"]').waitFor();
    await expect(row.getByTestId('api-key-status').textContent()).resolves.toBe('Revoked');
    await expect(row.getByTestId('revoke-api-key').count()).resolves.toBe(0);
  });

  it('signs out, refuses a wrong password, and signs back in', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(at('/sign-in'));
    await expect(page.evaluate(() => localStorage.getItem('tollgate.token'))).resolves.toBeNull();

    await signIn(user.email, 'Wrong-password-99');
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe('Email or password is incorrect.');

    await signIn(user.email, user.password);
    await page.waitForURL(at('/'));
    await expect(page.getByTestId('user-email').textContent()).resolves.toBe(user.email);
  });

  it("shows the server's refusals in words: a taken email, and how long to wait when rate-limited", async () => {
    await page.getByTestId('sign-out').click();
    await page.goto(at('/sign-up'));
    await signIn(user.email, user.password);
    await expect(page.getByTestId('email-error').textContent()).resolves.toBe('An account with this email already exists');

    // The server allows 10 sign-in attempts per email per 15 minutes; spend them without the UI.
    const lockedOut = `locked-${randomBytes(4).toString('hex')}@example.com`;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await fetch(at('/graphql'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
          variables: { input: { email: lockedOut, password: 'Wrong-password-99' } },
        }),
      });
    }
    await page.goto(at('/sign-in'));
    await signIn(lockedOut, 'Wrong-password-99');
    await expect(page.getByTestId('form-error').textContent()).resolves.toMatch(/^Too many attempts — try again in \d+ minutes?\.$/);
  });

  it('sends a user whose token the server refuses back to sign-in, then back to the page', async () => {
    await page.evaluate(() => localStorage.setItem('tollgate.token', 'not-a-valid-token'));
    await page.goto(at('/api-keys'));
    await page.waitForURL(at('/sign-in'));
    await page.getByTestId('session-expired').waitFor();
    await expect(page.evaluate(() => localStorage.getItem('tollgate.token'))).resolves.toBeNull();

    await signIn(user.email, user.password);
    await page.waitForURL(at('/api-keys'));
    await page.getByTestId('api-key-row').waitFor();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await app.onPhone(async () => {
      await page.goto(at('/'));
      await page.getByTestId('dashboard-email').waitFor();
      expect(await bodyFitsWidth()).toBeLessThanOrEqual(360);
      await expect(page.getByTestId('user-email').isVisible()).resolves.toBe(false);

      await page.getByTestId('menu-button').click();
      await page.getByTestId('user-email').waitFor();
      expect(await bodyFitsWidth()).toBeLessThanOrEqual(360);
      await shot('phone.png');

      await navLink('API keys').click();
      // Choosing a screen folds the menu away again.
      await page.getByTestId('user-email').waitFor({ state: 'hidden' });
      await page.getByTestId('api-key-row').waitFor();
      expect(await bodyFitsWidth()).toBeLessThanOrEqual(360);
      await shot('phone-api-keys.png');

      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
      await page.getByTestId('menu-button').click();
      await shot('phone-api-keys-dark.png');
      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
    });
  });

  it('offers the admin scope to an admin only', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(at('/sign-in'));
    await signIn(app.server.admin.email, app.server.admin.password);
    // An admin lands in the console; the app (and their own dashboard) is one link away.
    await page.waitForURL(at('/admin'));
    await page.getByTestId('back-to-app').click();
    await page.waitForURL(at('/'));
    await expect(page.getByTestId('dashboard-role').textContent()).resolves.toBe('Administrator');
    await navLink('API keys').click();
    await page.getByTestId('scope-admin').waitFor();
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
