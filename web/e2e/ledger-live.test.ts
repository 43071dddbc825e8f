import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

/**
 * Two people at once, in two browsers: a user with their dashboard open, and an admin moving
 * their credit. The user's page is never reloaded: what changes there arrives by subscription.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('credit moving live between an admin and a user', () => {
  let app: AppSession;
  let user: Page;
  let admin: Page;
  const email = `ledger-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'Metered-Tokens-42';

  const widget = () => user.getByTestId('balance-widget');
  const available = () => widget().getAttribute('data-available');
  const waitForAvailable = (amount: string) => user.locator(`[data-testid="balance-widget"][data-available="${amount}"]`).waitFor();
  const signIn = async (page: Page, path: string, who: string, secret: string) => {
    await page.goto(app.at(path));
    await page.getByTestId('email-input').fill(who);
    await page.getByTestId('password-input').fill(secret);
    await page.getByTestId('submit').click();
    await page.getByTestId('user-email').waitFor();
  };
  /** Opens one of the row actions for the user's account in the admin console. */
  const openDialog = async (kind: 'grant' | 'deduct' | 'refund') => {
    await admin.locator(`[data-testid="account-row"][data-email="${email}"]`).getByTestId(`account-${kind}`).click();
    await admin.getByTestId('credit-action-form').waitFor();
  };
  const fillDialog = async (amount: string, reason: string) => {
    await admin.getByTestId('amount-input').fill(amount);
    await admin.getByTestId('reason-input').fill(reason);
    await admin.getByTestId('credit-action-review').click();
  };

  beforeAll(async () => {
    app = await startAppSession();
    user = app.page;
    admin = await app.openSecondBrowser();
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(
    () => app,
    () => ({ admin }),
  );

  it('shows a new user their 10-credit sign-up bonus in the top bar and the grants panel', async () => {
    await user.goto(app.at('/sign-up'));
    await app.submitCredentials(email, password);
    await user.waitForURL(app.at('/'));
    await widget().waitFor();
    await expect(available()).resolves.toBe('10.000000');
    await expect(user.getByTestId('balance-widget-amount').textContent()).resolves.toBe('10.00');
    const grant = user.getByTestId('grant-row');
    await grant.waitFor();
    await expect(grant.count()).resolves.toBe(1);
    await expect(grant.getAttribute('data-source')).resolves.toBe('SIGNUP');
    await expect(grant.getByTestId('grant-expiry').textContent()).resolves.toBe('never expires');
    await expect(user.getByTestId('low-balance-banner').count()).resolves.toBe(0);
    // Marks this page: a reload would lose it, so the checks below prove nothing reloaded.
    await user.evaluate(() => Object.assign(window, { notReloaded: true }));
  });

  it("updates the user's balance without a reload when an admin grants credits", async () => {
    await signIn(admin, '/admin/accounts', app.server.admin.email, app.server.admin.password);
    await admin.getByTestId('account-search').fill(email.slice(0, 12));
    // The search is debounced: the unfiltered list (the admin's row too) shows until it settles.
    await expect.poll(() => admin.getByTestId('account-row').count()).toBe(1);
    await admin.locator(`[data-testid="account-row"][data-email="${email}"]`).waitFor();
    await app.shot('admin-accounts.png', admin);
    await admin.getByTestId('theme-toggle').click();
    await app.shot('admin-accounts-dark.png', admin);
    await admin.getByTestId('theme-toggle').click();

    await openDialog('grant');
    await admin.getByTestId('amount-input').fill('12.5');
    await admin.getByTestId('reason-input').fill('Goodwill, for the outage');
    await app.shot('grant-dialog.png', admin);
    await admin.getByTestId('credit-action-review').click();
    await expect(admin.getByTestId('credit-action-question').textContent()).resolves.toBe(`Grant 12.50 credits to ${email}?`);
    await app.shot('grant-dialog-confirm.png', admin);
    await admin.getByTestId('credit-action-confirm').click();
    await expect(admin.getByTestId('credit-action-notice').textContent()).resolves.toContain(`Granted 12.50 credits to ${email}. Their balance is now 22.50.`);

    await waitForAvailable('22.500000');
    await user.getByTestId('balance-available').locator('.credits-usd').waitFor();
    await expect(user.getByTestId('balance-available').textContent()).resolves.toBe('22.50 ($0.23)');
    await expect(user.getByTestId('balance-available').locator('[title]').getAttribute('title')).resolves.toBe('22.50 credits = $0.225');
    await user.locator('[data-testid="grant-row"][data-source="ADMIN"]').waitFor();
    await expect(user.evaluate(() => 'notReloaded' in window)).resolves.toBe(true);
    await admin.locator(`[data-testid="account-row"][data-available="22.500000"]`).waitFor();
  });

  it('applies a double-clicked confirmation once', async () => {
    await openDialog('grant');
    await fillDialog('1', 'Double-click test');
    await admin.getByTestId('credit-action-confirm').dblclick();
    await admin.getByTestId('credit-action-notice').waitFor();
    await waitForAvailable('23.500000');
    // Long enough for a second grant's event to arrive, had there been one.
    await user.waitForTimeout(1_000);
    await expect(available()).resolves.toBe('23.500000');
  });

  it('refuses a 7-decimal amount and one past the cap in every admin dialog without sending anything', async () => {
    const sent: string[] = [];
    const watch = (request: { postData(): string | null }) => {
      const body = request.postData() ?? '';
      if (/admin(Grant|Deduct|Refund)Credits/.test(body)) sent.push(body);
    };
    admin.on('request', watch);
    for (const kind of ['grant', 'deduct', 'refund'] as const) {
      await openDialog(kind);
      if (kind === 'refund') await admin.getByTestId('transactionId-input').fill('3f2b9c1e-5d7a-4c1b-9e0f-1a2b3c4d5e6f');
      await fillDialog('1.1234567', 'Too precise');
      await expect(admin.getByTestId('amount-error').textContent()).resolves.toBe('Use at most 6 decimal places');
      await expect(admin.getByTestId('credit-action-question').count()).resolves.toBe(0);
      // Past the server's cap: refused in the dialog, never sent, never a review of a fortune.
      await admin.getByTestId('amount-input').fill('99999999999999999');
      await admin.getByTestId('credit-action-review').click();
      await expect(admin.getByTestId('amount-error').textContent()).resolves.toBe('At most 1,000,000 credits');
      await expect(admin.getByTestId('credit-action-question').count()).resolves.toBe(0);
      if (kind === 'deduct') await app.shot('deduct-dialog-error.png', admin);
      await admin.getByTestId('credit-action-cancel').click();
      await admin.getByTestId('credit-action-dialog').waitFor({ state: 'detached' });
    }
    admin.off('request', watch);
    expect(sent).toEqual([]);
  });

  it("shows the server's refusal inside the dialog: deducting more than is available", async () => {
    await openDialog('deduct');
    await fillDialog('1000', 'Too much');
    await admin.getByTestId('credit-action-confirm').click();
    await expect(admin.getByTestId('credit-action-error').textContent()).resolves.toBe(`${email} does not have that much available credit.`);
    await admin.getByTestId('credit-action-back').click();
    await admin.getByTestId('credit-action-cancel').click();
    await expect(available()).resolves.toBe('23.500000');
  });

  it("shows the user's low-balance banner live when an admin deducts below the threshold", async () => {
    await openDialog('deduct');
    await fillDialog('21', 'Chargeback');
    await expect(admin.getByTestId('credit-action-question').textContent()).resolves.toBe(`Deduct 21.00 credits from ${email}?`);
    await admin.getByTestId('credit-action-confirm').click();
    await admin.getByTestId('credit-action-notice').waitFor();

    const banner = user.getByTestId('low-balance-banner');
    await banner.locator('.credits-usd').waitFor();
    await expect(banner.textContent()).resolves.toContain('2.50 credits ($0.03), below your alert threshold of 5.00');
    await expect(available()).resolves.toBe('2.500000');
    await expect(user.evaluate(() => 'notReloaded' in window)).resolves.toBe(true);
    await app.shot('low-balance-dashboard.png');
    await user.setViewportSize({ width: 360, height: 740 });
    await app.shot('phone-low-balance-dashboard.png', user, 'view');
    await user.setViewportSize({ width: 1280, height: 800 });
  });

  it('lets the user move the threshold, checked like any amount, and the banner follows', async () => {
    await user.getByTestId('threshold-input').fill('2.0000001');
    await user.getByTestId('save-threshold').click();
    await expect(user.getByTestId('threshold-error').textContent()).resolves.toBe('Use at most 6 decimal places');
    await user.getByTestId('threshold-input').fill('2');
    await user.getByTestId('save-threshold').click();
    await user.getByTestId('low-balance-banner').waitFor({ state: 'detached' });
    await user.getByTestId('threshold-input').fill('3');
    await user.getByTestId('save-threshold').click();
    await user.getByTestId('low-balance-banner').waitFor();
  });

  it("refunds part of a deduction by the id the user sees, and the user's history shows it live", async () => {
    await user.getByTestId('low-balance-banner').getByRole('link', { name: 'See transactions' }).click();
    const deduction = user.locator('[data-testid="transaction-row"][data-type="ADMIN_DEDUCT"]').first();
    const id = await deduction.getAttribute('data-id');
    await expect(deduction.getAttribute('data-amount')).resolves.toBe('-21.000000');

    await openDialog('refund');
    await admin.getByTestId('transactionId-input').fill(id!);
    await fillDialog('1', 'Partial refund');
    await expect(admin.getByTestId('credit-action-question').textContent()).resolves.toBe(`Refund 1.00 credits of transaction ${id} to ${email}?`);
    await admin.getByTestId('credit-action-confirm').click();
    await admin.getByTestId('credit-action-notice').waitFor();

    await waitForAvailable('3.500000');
    await user.locator('[data-testid="transaction-row"][data-type="REFUND"][data-amount="1.000000"]').waitFor();
    await user.getByTestId('low-balance-banner').waitFor({ state: 'detached' });
    await expect(user.evaluate(() => 'notReloaded' in window)).resolves.toBe(true);
  });

  it('runs the ledger audit for an admin and finds the ledger consistent', async () => {
    await app.openInConsole('Ledger audit', admin);
    await admin.getByTestId('audit-clean').waitFor();
    // The user's account at least (the admin, who stayed in the console, may never have opened one).
    expect(Number(await admin.getByTestId('audit-accounts').textContent())).toBeGreaterThanOrEqual(1);
    await app.shot('ledger-audit.png', admin);
  });

  it('fits the admin console and its dialogs on a phone', async () => {
    await admin.setViewportSize({ width: 360, height: 740 });
    try {
      await admin.goto(app.at('/admin/accounts'));
      await admin.locator(`[data-testid="account-row"][data-email="${email}"]`).waitFor();
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await app.shot('phone-admin-accounts.png', admin, 'view');
      await admin.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
      await openDialog('refund');
      await app.shot('phone-refund-dialog-dark.png', admin, 'view');
      await admin.getByTestId('credit-action-cancel').click();
      await admin.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    } finally {
      await admin.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('hides the admin console from a user', async () => {
    const nav = user.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Accounts' }).count()).resolves.toBe(0);
    await user.goto(app.at('/admin/accounts'));
    await user.getByRole('heading', { name: 'Page not found' }).waitFor();
  });

  it('raised no uncaught errors in either page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
