import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signIn } from './support/api';
import { type AppSession, reportFailures, startAppSession } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const FIRST = 'Metered-Tokens-42';
const SECOND = 'Second-Password-77';
const THIRD = 'Third-Password-99';

/**
 * Accounts: a new user changes their password on Settings › Account (another session of theirs
 * ends), signs out and back in with the new one; then forgets it, asks for a link, and an admin
 * reads the mail in the console's Outbox (no SMTP here), whose link sets a new password and signs in.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('password change and reset', () => {
  let app: AppSession;
  let page: Page;
  let adminPage: Page | undefined;
  const email = `pw-${randomBytes(4).toString('hex')}@example.com`;

  const fill = async (fields: Record<string, string>) => {
    for (const [name, value] of Object.entries(fields)) await page.getByTestId(`${name}-input`).fill(value);
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(
    () => app,
    () => ({ admin: adminPage }),
  );

  it('changes the password on the Account screen, ending the other sessions', async () => {
    await page.goto(app.at('/sign-up'));
    await app.submitCredentials(email, FIRST);
    await page.getByTestId('user-email').waitFor();
    const other = await signIn(app.server.url, email, FIRST);

    await app.navLink('Account').click();
    await expect(page.getByTestId('account-email').textContent()).resolves.toBe(email);
    await fill({ currentPassword: 'not-my-password-1', newPassword: SECOND, confirmPassword: SECOND });
    await page.getByTestId('change-password-submit').click();
    await expect(page.getByTestId('currentPassword-error').textContent()).resolves.toBe('Your current password is incorrect');

    await fill({ currentPassword: FIRST });
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    await expect(page.getByTestId('currentPassword-input').inputValue()).resolves.toBe('');
    await app.shot('account.png');

    // This browser stays signed in (with the new token); the other session is over.
    await page.reload();
    await page.getByTestId('account-email').waitFor();
    await expect(graphql(app.server.url, '{ me { email } }', {}, other.token)).rejects.toThrow(/no longer valid/);
    await app.onPhone(() => app.shot('phone-account.png', page, 'view'));
  });

  it('signs out and in again with the new password only', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await app.submitCredentials(email, FIRST);
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe('Email or password is incorrect.');
    await app.submitCredentials(email, SECOND);
    await page.getByTestId('user-email').waitFor();
  });

  it('resets a forgotten password with the link from the outbox, which then signs in', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('email-input').fill(email);
    await page.getByTestId('forgot-password-link').click();
    // The address typed on the sign-in page came along.
    await expect(page.getByTestId('email-input').inputValue()).resolves.toBe(email);
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('reset-sent').textContent()).resolves.toContain(email);
    await app.shot('forgot-password.png');
    await app.onPhone(() => app.shot('phone-forgot-password.png', page, 'view'));

    const link = await resetLinkFromOutbox();
    const token = new URL(link).searchParams.get('token');
    expect(token).toBeTruthy();
    await page.goto(app.at(`/reset-password?token=${encodeURIComponent(token!)}`));
    await fill({ newPassword: THIRD, confirmPassword: `${THIRD}x` });
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('confirmPassword-error').textContent()).resolves.toBe('The two passwords differ');
    await app.shot('reset-password.png');
    await app.onPhone(() => app.shot('phone-reset-password.png', page, 'view'));
    await fill({ confirmPassword: THIRD });
    await page.getByTestId('submit').click();
    await page.getByTestId('user-email').waitFor();
    await expect(page.getByTestId('user-email').textContent()).resolves.toBe(email);

    // The link worked once: opened again, it says so and offers a new one.
    await page.goto(app.at(`/reset-password?token=${encodeURIComponent(token!)}`));
    await fill({ newPassword: SECOND, confirmPassword: SECOND });
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('reset-link-invalid').textContent()).resolves.toMatch(/invalid, expired or already used/);
    await app.shot('reset-link-used.png');
    await expect((await signIn(app.server.url, email, THIRD)).token).toBeTruthy();
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });

  /** The admin opens the console's Outbox, filtered to the user, and reads the reset mail's link. */
  async function resetLinkFromOutbox(): Promise<string> {
    adminPage = await app.openSecondBrowser();
    await adminPage.goto(app.at('/sign-in'));
    await adminPage.getByTestId('email-input').fill(app.server.admin.email);
    await adminPage.getByTestId('password-input').fill(app.server.admin.password);
    await adminPage.getByTestId('submit').click();
    await adminPage.locator('[data-testid="console"], [data-testid="console-link"]').first().waitFor();
    await app.openInConsole('Outbox', adminPage);
    await adminPage.getByTestId('outbox-to-input').fill(email);
    const mail = adminPage.locator('[data-testid="outbox-mail"][data-kind="password_reset"]');
    // The mail goes out just after the answer: refresh until it is listed.
    for (let i = 0; i < 50 && (await mail.count()) === 0; i += 1) {
      await adminPage.getByRole('button', { name: 'Refresh' }).click();
      await adminPage.waitForTimeout(200);
    }
    await mail.first().locator('summary').click();
    const href = await mail.first().locator('a[href*="/reset-password?token="]').getAttribute('href');
    if (!href) throw new Error('no reset link in the mail');
    await app.shot('outbox-reset-mail.png', adminPage);
    return href;
  }
});
