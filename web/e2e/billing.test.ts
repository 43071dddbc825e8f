import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsPlus } from './support/credits';

interface Pack {
  code: string;
  credits: string;
  bonusCredits: string;
  totalCredits: string;
}

/**
 * Test mode in the browser: no Stripe key, so Buy opens Tollgate's own test checkout, whose Pay
 * runs the same fulfilment as Stripe's webhook. A new user buys a package and watches the payment
 * turn PAID and the balance rise by exactly the package's credits plus its bonus.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('buying credits in test mode', () => {
  let app: AppSession;
  let page: Page;
  let pack: Pack;
  let startBalance: string;
  let userId: string;

  const widgetAt = (amount: string) => page.locator(`[data-testid="balance-widget"][data-available="${amount}"]`).waitFor();
  const available = () => page.getByTestId('balance-widget').getAttribute('data-available');
  const openTestCheckout = async (code: string) => {
    await page.getByTestId(`buy-${code}`).click();
    await page.waitForURL(/\/test-checkout\/[^/?#]+$/);
    await page.getByText('Test mode: no money moves').waitFor();
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const user = await app.signInNewUser('billing');
    userId = user.userId;
    const data = await graphql<{ creditPackages: Pack[] }>(app.server.url, '{ creditPackages { code credits bonusCredits totalCredits } }', {}, user.token);
    // A package with a bonus, so the grant is checked as credits plus bonus.
    pack = data.creditPackages.find((p) => p.bonusCredits !== '0.000000')!;
    expect(pack, 'a seeded package with a bonus').toBeDefined();
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('shows the packages and an empty history on the Billing page, reached from the navigation', async () => {
    await page.goto(app.at('/'));
    await app.navLink('Billing').click();
    await page.waitForURL(app.at('/billing'));
    await page.getByTestId('payments-empty').waitFor();
    await page.getByTestId('payments-test-mode').waitFor();
    await expect(page.locator('[data-testid="credit-package"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId(`buy-${pack.code}`).isEnabled()).resolves.toBe(true);
    startBalance = (await page.getByTestId('balance-widget').getAttribute('data-available'))!;
    expect(startBalance).toBe('10.000000');
    await app.shot('billing-page.png');
  });

  it('buys a package through the test checkout and sees it paid, live, with the exact credits', async () => {
    await openTestCheckout(pack.code);
    await expect(page.title()).resolves.toMatch(/test checkout/i);
    await app.shot('test-checkout.png');
    // A second tab on the success page before paying: it shows the payment pending, then paid
    // without a reload once the test checkout's Pay grants the credits.
    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    const watcher = await page.context().newPage();
    await watcher.goto(app.at(`/billing/success?session_id=${sessionId}`));
    await watcher.locator('[data-testid="checkout-phase"][data-phase="pending"]').waitFor();
    await expect(watcher.getByTestId('checkout-status').textContent()).resolves.toBe('PENDING');
    await app.shot('billing-success-pending.png', watcher);
    await watcher.evaluate(() => Object.assign(window, { notReloaded: true }));

    await page.getByRole('button', { name: 'Pay' }).click();
    await watcher.locator('[data-testid="checkout-phase"][data-phase="paid"]').waitFor();
    await expect(watcher.evaluate(() => 'notReloaded' in window)).resolves.toBe(true);
    await watcher.close();

    await page.waitForURL(/\/billing\/success\?session_id=/);
    await page.locator('[data-testid="checkout-phase"][data-phase="paid"]').waitFor();
    const expected = creditsPlus(pack.credits, pack.bonusCredits);
    expect(expected).toBe(pack.totalCredits);
    await expect(page.getByTestId('checkout-credits').getAttribute('data-granted')).resolves.toBe(expected);
    await expect(page.getByTestId('checkout-status').textContent()).resolves.toBe('PAID');
    await widgetAt(creditsPlus(startBalance, expected));
    await page.locator(`[data-testid="checkout-balance"][data-balance="${creditsPlus(startBalance, expected)}"]`).waitFor();
    await app.shot('billing-success.png');
  });

  it('lists the payment in the history, marked test, with no receipt', async () => {
    await page.getByTestId('back-to-billing').click();
    await page.waitForURL(app.at('/billing'));
    const row = page.getByTestId('payment-row');
    await row.first().waitFor();
    await expect(row.count()).resolves.toBe(1);
    await expect(row.getAttribute('data-status')).resolves.toBe('PAID');
    await expect(row.getAttribute('data-kind')).resolves.toBe('PACKAGE');
    await expect(row.getAttribute('data-credits')).resolves.toBe(pack.totalCredits);
    await expect(row.getByTestId('payment-test').textContent()).resolves.toBe('test');
    // The test checkout issues no receipt (Stripe's are links on pay.stripe.com).
    await expect(row.getByTestId('payment-receipt').textContent()).resolves.toBe('None (test)');
    await expect(row.getByTestId('payment-receipt').locator('a').count()).resolves.toBe(0);
  });

  it('grants nothing for a canceled checkout, and says so', async () => {
    const before = (await available())!;
    // Back from the checkout with the browser's Back button: Buy works again (no "Opening checkout…" left over).
    await openTestCheckout(pack.code);
    await page.goBack();
    await page.waitForURL(app.at('/billing'));
    await expect(page.getByTestId(`buy-${pack.code}`).isEnabled()).resolves.toBe(true);
    await openTestCheckout(pack.code);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/billing\/cancel\?session_id=/);
    await expect(page.getByTestId('checkout-cancel-note').textContent()).resolves.toContain('Nothing was charged');
    await page.getByTestId('back-to-billing').click();
    await page.locator('[data-testid="payment-row"][data-status="CANCELED"]').waitFor();
    // The checkout left with Back stays PENDING (or was reopened, when the page came back from the
    // back/forward cache with its idempotency key): either way one canceled payment and the paid one.
    await expect(page.locator('[data-testid="payment-row"][data-status="CANCELED"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="payment-row"][data-status="PAID"]').count()).resolves.toBe(1);
    await expect(available()).resolves.toBe(before);
  });

  it('subscribes to a tier through the test checkout: ACTIVE, the tier changed, its monthly credits granted', async () => {
    const { tiers } = await graphql<{ tiers: { code: string; monthlyCredits: string }[] }>(app.server.url, '{ tiers { code monthlyCredits } }');
    const starter = tiers.find((tier) => tier.code === 'starter')!;
    const before = (await available())!;
    await page.goto(app.at('/billing'));
    await page.getByTestId('no-subscription').waitFor();
    await page.getByTestId('subscription-tier-picker').selectOption('starter');
    await page.getByTestId('subscribe-button').click();
    await page.waitForURL(/\/test-checkout\/[^/?#]+$/);
    await page.getByText('Test mode: no money moves').waitFor();
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(/\/billing\/success\?session_id=/);
    await page.locator('[data-testid="subscription-progress"][data-status="ACTIVE"][data-tier="starter"]').waitFor();
    await page.locator('[data-testid="checkout-phase"][data-phase="paid"]').waitFor();
    await widgetAt(creditsPlus(before, starter.monthlyCredits));
    await app.shot('billing-subscribed.png');

    await page.getByTestId('back-to-billing').click();
    await page.locator('[data-testid="subscription-details"][data-status="ACTIVE"][data-tier="starter"]').waitFor();
    await expect(page.getByTestId('subscription-outlook').textContent()).resolves.toMatch(/^Renews on /);
    await page.locator('[data-testid="payment-row"][data-kind="SUBSCRIPTION"][data-status="PAID"]').waitFor();

    await app.navLink('Tiers').click();
    await page.locator('[data-tier="starter"] [data-testid="current-tier-badge"]').waitFor();
    await expect(page.getByTestId('upgrade-pro').getAttribute('data-action')).resolves.toBe('change');
    await expect(page.getByTestId('cancel-for-free').count()).resolves.toBe(1);
  });

  it('upgrades the subscription from the tier page, after confirming', async () => {
    await page.getByTestId('upgrade-pro').click();
    await expect(page.getByTestId('change-question').textContent()).resolves.toMatch(/^Upgrade to Pro now\?/);
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-tier="pro"] [data-testid="current-tier-badge"]').waitFor();
    await expect(page.getByTestId('current-tier-name').textContent()).resolves.toBe('Pro');
  });

  it('cancels at the period end and resumes on the Billing page', async () => {
    await app.navLink('Billing').click();
    await page.locator('[data-testid="subscription-details"][data-tier="pro"]').waitFor();
    await page.getByTestId('cancel-subscription').click();
    await page.getByTestId('confirm-button').click();
    await page.getByTestId('resume-subscription').waitFor();
    await expect(page.getByTestId('subscription-outlook').textContent()).resolves.toMatch(/^Ends on .*; you keep Pro/);
    await page.getByTestId('resume-subscription').click();
    await page.getByTestId('cancel-subscription').waitFor();
    await expect(page.getByTestId('subscription-outlook').textContent()).resolves.toMatch(/^Renews on /);
    await expect(page.getByTestId('past-due-banner').count()).resolves.toBe(0);
    await app.shot('billing-page-subscribed.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('billing-page-subscribed-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('schedules a downgrade for the period end, shown on Billing and the tier page, and undoes it', async () => {
    await page.getByTestId('subscription-tier-picker').selectOption('starter');
    await page.getByTestId('change-subscription').click();
    await expect(page.getByTestId('change-question').textContent()).resolves.toMatch(/^Move to Starter on .*You keep your current tier/);
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-testid="subscription-details"][data-tier="pro"]').waitFor();
    await expect.poll(() => page.getByTestId('subscription-outlook').textContent()).toMatch(/^Changes to Starter on /);

    await app.navLink('Tiers').click();
    await page.getByTestId('scheduled-starter').waitFor();
    await expect(page.getByTestId('current-tier-name').textContent()).resolves.toBe('Pro');

    await app.navLink('Billing').click();
    await page.locator('[data-testid="subscription-details"][data-tier="pro"]').waitFor();
    await page.getByTestId('subscription-tier-picker').selectOption('pro');
    await page.getByTestId('change-subscription').click();
    await expect(page.getByTestId('change-question').textContent()).resolves.toMatch(/^Stay on Pro and drop the change/);
    await page.getByTestId('confirm-button').click();
    await expect.poll(() => page.getByTestId('subscription-outlook').textContent()).toMatch(/^Renews on /);
  });

  it('shows the past-due banner on every screen while a renewal has failed, and drops it live on recovery', async () => {
    // Test mode has no failing invoice: the subscription is put in the state invoice.payment_failed leaves.
    const setStatus = async (status: string) => {
      const client = new pg.Client({ connectionString: app.server.databaseUrl });
      await client.connect();
      try {
        await client.query(`update subscription set status = $2 where user_id = $1 and status in ('active', 'past_due')`, [userId, status]);
      } finally {
        await client.end();
      }
    };
    await setStatus('past_due');
    await page.goto(app.at('/usage'));
    await page.getByTestId('past-due-banner').waitFor();
    await app.shot('past-due-banner.png', page, 'view');
    await page.getByTestId('past-due-banner').getByRole('link').click();
    await page.waitForURL(app.at('/billing'));
    await page.locator('[data-testid="subscription-details"][data-status="PAST_DUE"]').waitFor();
    await expect(page.getByTestId('subscription-outlook').textContent()).resolves.toMatch(/last payment failed/);

    // Recovery: the next paid invoice makes it active and grants its credits, which moves the balance.
    await setStatus('active');
    const admin = await app.adminApi();
    await graphql(
      app.server.url,
      'mutation($input: AdminCreditInput!) { adminGrantCredits(input: $input) { id } }',
      { input: { userId, amount: '1', reason: 'Stands in for a renewal allocation', idempotencyKey: randomBytes(8).toString('hex') } },
      admin.token,
    );
    await page.getByTestId('past-due-banner').waitFor({ state: 'detached' });
    await page.locator('[data-testid="subscription-details"][data-status="ACTIVE"]').waitFor();
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      await page.goto(app.at('/billing'));
      await page.getByTestId('subscription-details').waitFor();
      await page.getByTestId('payment-row').first().waitFor();
      await app.shot('phone-billing.png');
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
    });
  });

  it('reported no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

/** Without Stripe and with test mode off, Buy answers PAYMENTS_UNAVAILABLE: the page says so and nothing is written. */
describe.skipIf(SKIP_BROWSER_TESTS)('buying credits with payments unavailable', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await startAppSession({ env: { PAYMENTS_TEST_MODE: 'false' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('says so before anyone tries (paymentsMode OFF), disables Buy and records no payment', async () => {
    const page = app.page;
    await app.signInNewUser('nopay');
    await page.goto(app.at('/billing'));
    await page.getByTestId('payments-empty').waitFor();
    await page.getByTestId('payments-unavailable').waitFor();
    await expect(page.getByTestId('payments-unavailable').textContent()).resolves.toContain('Nothing was charged');
    await expect(page.getByTestId('payments-test-mode').count()).resolves.toBe(0);
    const buy = page.locator('[data-testid^="buy-"]').first();
    await expect(buy.isDisabled()).resolves.toBe(true);
    await expect(page.url()).toBe(app.at('/billing'));
    await page.reload();
    await page.getByTestId('payments-empty').waitFor();
  });
});
