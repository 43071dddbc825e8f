import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signUp, type ApiSession } from './support/api';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const SETTINGS = '{ notificationSettings { kind enabled } }';
const DEDUCT = 'mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }';

/**
 * Mail without SMTP_URL: a user turns low-balance notices off under Settings › Notifications (the
 * mails the account needs stay on, marked as always sent); then two balances fall below the threshold
 * and the admin reads both notices in the console's Outbox: the opted-out one recorded as not sent,
 * the other sent, with its link clickable.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('notification settings and the outbox', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession & { email: string };

  const toggle = (kind: string) => page.getByTestId(`notification-toggle-${kind}`);
  // The signup credit is 10 and the default threshold 5: taking 6 crosses it once.
  const dropBelowThreshold = async (userId: string) => {
    const admin = await app.adminApi();
    await graphql(
      app.server.url,
      DEDUCT,
      { i: { userId, amount: '6', reason: 'e2e: below the low-balance threshold', idempotencyKey: randomUUID() } },
      admin.token,
    );
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('notify');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('lists every mail; only the low-balance notice has a working switch; turning it off holds after a reload', async () => {
    await page.goto(app.at('/'));
    await app.navLink('Notifications').click();
    await page.getByTestId('notification-list').waitFor();
    expect(await page.locator('[data-testid^="notification-toggle-"]').count()).toBe(7);
    await expect(toggle('password_reset').isDisabled()).resolves.toBe(true);
    await expect(toggle('payment_receipt').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('notification-password_reset').textContent()).resolves.toContain(
      "Always sent: needed for your account's security or billing",
    );
    await expect(page.getByTestId('notification-low_balance').textContent()).resolves.not.toContain('Always sent');
    await expect(toggle('low_balance').isChecked()).resolves.toBe(true);

    await toggle('low_balance').click();
    await page.locator('[data-testid="notification-low_balance"] .switch-text', { hasText: 'Off' }).waitFor();
    const stored = await graphql<{ notificationSettings: { kind: string; enabled: boolean }[] }>(app.server.url, SETTINGS, {}, user.token);
    expect(stored.notificationSettings.find((s) => s.kind === 'low_balance')?.enabled).toBe(false);
    await page.reload();
    await page.getByTestId('notification-list').waitFor();
    await expect(toggle('low_balance').isChecked()).resolves.toBe(false);
    await app.shot('notifications.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('notifications-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-notifications.png', page, 'view');
    });
  });

  it("shows the admin every mail in the Outbox: the opted-out notice as not sent, another user's as sent with its link", async () => {
    const other = await signUp(app.server.url, `notify-other-${randomUUID().slice(0, 8)}@example.com`, USER_PASSWORD);
    const otherEmail = (await graphql<{ me: { email: string } }>(app.server.url, '{ me { email } }', {}, other.token)).me.email;
    await dropBelowThreshold(user.userId);
    await dropBelowThreshold(other.userId);

    const admin = await app.openSecondBrowser();
    await admin.goto(app.at('/sign-in'));
    await admin.getByTestId('email-input').fill(app.server.admin.email);
    await admin.getByTestId('password-input').fill(app.server.admin.password);
    await admin.getByTestId('submit').click();
    await app.openInConsole('Outbox', admin);
    await admin.getByTestId('outbox-to-input').fill(user.email);
    const mine = admin.locator(`[data-testid="outbox-mail"][data-kind="low_balance"]`).filter({ hasText: user.email });
    // The notice is written just after the deduction commits: Refresh until it is listed.
    await waitForMail(admin, mine);
    await expect(mine.getAttribute('data-status')).resolves.toBe('suppressed');
    await expect(mine.textContent()).resolves.toContain('Not sent (turned off)');

    await admin.getByTestId('outbox-to-input').fill(otherEmail);
    const theirs = admin.locator(`[data-testid="outbox-mail"][data-kind="low_balance"][data-status="sent"]`).filter({ hasText: otherEmail });
    await waitForMail(admin, theirs);
    await theirs.locator('summary').click();
    const link = theirs.getByTestId('outbox-text').getByRole('link', { name: app.at('/billing'), exact: true });
    await expect(link.getAttribute('href')).resolves.toBe(app.at('/billing'));
    await expect(theirs.getByTestId('outbox-text').textContent()).resolves.toContain('below your low-balance threshold of 5.00 credits');
    await app.shot('admin-outbox.png', admin);
    await admin.getByTestId('theme-toggle').click();
    await app.shot('admin-outbox-dark.png', admin);
    await admin.setViewportSize({ width: 360, height: 740 });
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await app.shot('phone-admin-outbox.png', admin, 'view');
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

/** Presses Refresh until the mail is listed: it is written just after the change that caused it commits. */
async function waitForMail(page: Page, mail: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 20 && (await mail.count()) === 0; i++) {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(250);
  }
  await mail.first().waitFor();
}
