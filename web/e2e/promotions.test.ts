import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signUp } from './support/api';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsMinus, creditsPlus } from './support/credits';
import { parseCsv } from './support/csv';

const tag = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * Coupons in the browser: an admin creates a CREDITS coupon on the Coupons page; a new user signs
 * up through a referral link with that coupon in the form (the preview says what it gives) and
 * lands with the balance up by exactly its credits; on the Promotions page they redeem a second
 * coupon (balance up again, exactly), are refused a repeat with the contract's reason, and see
 * their own referral link. The admin's redemption report lists them.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('promotions: coupons, referral link', () => {
  let app: AppSession;
  let page: Page;
  let admin: Page;
  let adminToken: string;
  let startBalance: string;
  let referrer: { token: string; code: string; email: string };
  const signupCoupon = { code: `WELCOME-${tag()}`, credits: '7.250000' };
  const pageCoupon = { code: `SPRING-${tag()}`, credits: '3.500000' };
  const email = `promo-${randomBytes(4).toString('hex')}@example.com`;

  const widgetAt = (amount: string) => page.locator(`[data-testid="balance-widget"][data-available="${amount}"]`).waitFor();

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    adminToken = (await app.adminApi()).token;
    // What a new account starts with (the free tier's grant), read from one made over the API.
    const control = await signUp(app.server.url, `control-${randomBytes(4).toString('hex')}@example.com`, USER_PASSWORD);
    startBalance = (await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, control.token)).creditBalance.available;
    const referrerEmail = `referrer-${randomBytes(4).toString('hex')}@example.org`;
    const referring = await signUp(app.server.url, referrerEmail, USER_PASSWORD);
    const { referral } = await graphql<{ referral: { code: string } }>(app.server.url, '{ referral { code } }', {}, referring.token);
    referrer = { token: referring.token, code: referral.code, email: referrerEmail };
    // The second coupon is set up over the API: the browser steps are about redeeming it.
    await graphql(
      app.server.url,
      'mutation($input: CouponInput!) { adminCreateCoupon(input: $input) { code } }',
      { input: { code: pageCoupon.code, kind: 'CREDITS', credits: pageCoupon.credits, maxRedemptions: 5, perUserLimit: 1 } },
      adminToken,
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app, () => ({ admin }));

  it('lets an admin create a credits coupon on the Coupons page', async () => {
    admin = await app.openSecondBrowser();
    await admin.goto(app.at('/sign-in'));
    await admin.getByTestId('email-input').fill(app.server.admin.email);
    await admin.getByTestId('password-input').fill(app.server.admin.password);
    await admin.getByTestId('submit').click();
    await app.openInConsole('Coupons', admin);
    await admin.waitForURL(app.at('/admin/coupons'));
    await admin.locator(`[data-testid="coupon-row"][data-code="${pageCoupon.code}"]`).waitFor();

    await admin.getByTestId('coupon-code-input').fill(signupCoupon.code.toLowerCase());
    await admin.getByTestId('coupon-credits-input').fill('7.25');
    await admin.getByTestId('coupon-maxRedemptions-input').fill('10');
    await admin.getByTestId('create-coupon').click();
    await admin.getByTestId('coupon-created').waitFor();
    const row = admin.locator(`[data-testid="coupon-row"][data-code="${signupCoupon.code}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-active')).resolves.toBe('true');
    await expect(row.getAttribute('data-redemptions')).resolves.toBe('0');
    await app.shot('admin-coupons.png', admin);
  });

  it('signs up through a referral link with the coupon: the preview says what it gives, the balance shows it', async () => {
    await page.goto(app.at(`/signup?ref=${referrer.code}`));
    await page.waitForURL(/\/sign-up\?ref=/);
    await expect(page.getByTestId('signup-referral').getAttribute('data-code')).resolves.toBe(referrer.code);
    // Unknown first, then the real code in another letter case.
    await page.getByTestId('signup-coupon-input').fill('NO-SUCH-CODE');
    await page.locator('[data-testid="signup-coupon-preview"][data-state="invalid"][data-reason="NOT_FOUND"]').waitFor();
    await page.getByTestId('signup-coupon-input').fill(signupCoupon.code.toLowerCase());
    const preview = page.locator('[data-testid="signup-coupon-preview"][data-state="valid"]');
    await preview.waitFor();
    await expect(preview.getAttribute('data-credits')).resolves.toBe(signupCoupon.credits);
    await expect(preview.textContent()).resolves.toContain('7.25 credits');
    await app.shot('signup-coupon.png');

    await app.submitCredentials(email, USER_PASSWORD);
    await page.getByTestId('user-email').waitFor();
    await widgetAt(creditsPlus(startBalance, signupCoupon.credits));
    // The referrer sees one referred sign-up (the bonus waits for a first payment).
    const { referral } = await graphql<{ referral: { referredCount: number } }>(app.server.url, '{ referral { referredCount } }', {}, referrer.token);
    expect(referral.referredCount).toBe(1);
  });

  it('redeems a coupon on the Promotions page and sees the balance rise by exactly its credits', async () => {
    const before = creditsPlus(startBalance, signupCoupon.credits);
    await app.navLink('Promotions').click();
    await page.waitForURL(app.at('/promotions'));
    await page.getByTestId('redeem-code-input').fill(pageCoupon.code);
    await page.locator('[data-testid="redeem-code-preview"][data-state="valid"]').waitFor();
    await page.getByTestId('redeem-button').click();
    await page.getByTestId('redeem-result').waitFor();
    await expect(page.getByTestId('redeem-result').locator('[data-credits]').getAttribute('data-credits')).resolves.toBe(pageCoupon.credits);
    await widgetAt(creditsPlus(before, pageCoupon.credits));
    await app.shot('promotions-redeemed.png');
  });

  it("refuses the same coupon twice with the contract's reason, and moves nothing", async () => {
    const before = (await page.getByTestId('balance-widget').getAttribute('data-available'))!;
    await page.getByTestId('redeem-code-input').fill(pageCoupon.code);
    // Signed in, the preview already knows this user used it.
    await page.locator('[data-testid="redeem-code-preview"][data-state="invalid"][data-reason="ALREADY_REDEEMED"]').waitFor();
    await page.getByTestId('redeem-button').click();
    await expect(page.getByTestId('redeem-problem').textContent()).resolves.toBe('You have already used this coupon.');
    await expect(page.getByTestId('balance-widget').getAttribute('data-available')).resolves.toBe(before);
  });

  it('shows the referral link with its earnings on the Promotions page', async () => {
    const link = page.getByTestId('referral-link');
    await link.waitFor();
    const { referral } = await graphql<{ referral: { link: string } }>(app.server.url, '{ referral { link } }', {}, await userToken());
    await expect(link.textContent()).resolves.toBe(referral.link);
    expect(referral.link).toMatch(/\/signup\?ref=/);
    await expect(page.getByTestId('referral-earned').getAttribute('data-credits')).resolves.toBe('0.000000');
  });

  it("lists the user in the coupon's redemption report", async () => {
    await admin.reload();
    const row = admin.locator(`[data-testid="coupon-row"][data-code="${signupCoupon.code}"]`);
    await expect(row.getAttribute('data-redemptions')).resolves.toBe('1');
    await row.getByTestId('coupon-redemptions').click();
    const report = admin.getByTestId('redemption-report');
    await report.locator('[data-testid="redemption-row"]').first().waitFor();
    await expect(report.getByTestId('redemption-row').count()).resolves.toBe(1);
    await expect(report.getByTestId('redemption-row').textContent()).resolves.toContain(email);
    await expect(app.pageErrors).toEqual([]);
  });

  it('sends a gift to an existing account: the balance drops by exactly the gift, the recipient gets it', async () => {
    const before = (await page.getByTestId('balance-widget').getAttribute('data-available'))!;
    const balanceOf = async (token: string) =>
      (await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, token)).creditBalance.available;
    const recipientBefore = await balanceOf(referrer.token);
    await page.getByTestId('gift-email-input').fill(referrer.email);
    await page.getByTestId('gift-credits-input').fill('1.5');
    await page.getByTestId('gift-message-input').fill('Thanks for the invite');
    await page.getByTestId('send-gift-button').click();
    await page.getByTestId('gift-sent').waitFor();
    await widgetAt(creditsMinus(before, '1.5'));
    const row = page.locator('[data-testid="gift-sent-row"][data-credits="1.500000"]');
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('CLAIMED');
    await expect(balanceOf(referrer.token)).resolves.toBe(creditsPlus(recipientBefore, '1.5'));
  });

  it('takes a discount code next to Buy: the preview says the percent, the test checkout asks the reduced price', async () => {
    const code = `EARLY-${tag()}`;
    await graphql(app.server.url, 'mutation($input: CouponInput!) { adminCreateCoupon(input: $input) { code } }', { input: { code, kind: 'PERCENT_OFF', percentOff: 20 } }, adminToken);
    const { creditPackages } = await graphql<{ creditPackages: { code: string; priceUsd: string }[] }>(app.server.url, '{ creditPackages { code priceUsd } }');
    const pack = creditPackages[0]!;
    const [dollars, cents = '0'] = pack.priceUsd.split('.');
    const priceCents = Number(dollars) * 100 + Number(cents.padEnd(2, '0'));
    // 20 % off, rounded half up to the cent once (the server's rule).
    const reduced = priceCents - Math.floor((priceCents * 20 + 50) / 100);
    await app.navLink('Billing').click();
    await page.waitForURL(app.at('/billing'));
    await page.getByTestId('package-coupon-input').fill(code.toLowerCase());
    const preview = page.locator('[data-testid="package-coupon-preview"][data-state="valid"]');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('20% off');
    await page.getByTestId(`buy-${pack.code}`).click();
    await page.waitForURL(/\/test-checkout\/[^/?#]+$/);
    await expect(page.locator('dd').first().textContent()).resolves.toContain(`$${(reduced / 100).toFixed(2)}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/billing\/cancel\?session_id=/);
  });

  it('gives a claim link for someone without an account; signing in through it claims the gift', async () => {
    const friend = `friend-${randomBytes(4).toString('hex')}@example.net`;
    await page.goto(app.at('/promotions'));
    const before = (await page.getByTestId('balance-widget').getAttribute('data-available'))!;
    await page.getByTestId('gift-email-input').fill(friend);
    await page.getByTestId('gift-credits-input').fill('0.75');
    await page.getByTestId('send-gift-button').click();
    const claimUrl = (await page.getByTestId('gift-claim-url').textContent())!;
    expect(claimUrl).toMatch(/\/gifts\/claim\?token=/);
    await widgetAt(creditsMinus(before, '0.75'));
    await page.locator('[data-testid="gift-sent-row"][data-status="PENDING"][data-credits="0.750000"]').waitFor();

    // The friend makes an account, then opens the link signed out: sign-in brings them back to it.
    const account = await signUp(app.server.url, friend, USER_PASSWORD);
    const start = (await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, account.token)).creditBalance.available;
    const claimer = await app.openSecondBrowser();
    await claimer.goto(claimUrl);
    await claimer.waitForURL(app.at('/sign-in'));
    await claimer.getByTestId('email-input').fill(friend);
    await claimer.getByTestId('password-input').fill(USER_PASSWORD);
    await claimer.getByTestId('submit').click();
    const claimed = claimer.getByTestId('gift-claimed');
    await claimed.waitFor();
    await expect(claimed.locator('[data-credits]').getAttribute('data-credits')).resolves.toBe('0.750000');
    await claimer.locator(`[data-testid="balance-widget"][data-available="${creditsPlus(start, '0.75')}"]`).waitFor();
  });

  it('generates a campaign of single-use codes as a CSV download; a code from it redeems once', async () => {
    await admin.goto(app.at('/admin/coupons'));
    const name = `Spring ${tag()}`;
    await admin.getByTestId('campaign-name-input').fill(name);
    await admin.getByTestId('campaign-count-input').fill('3');
    await admin.getByTestId('campaign-credits-input').fill('2');
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('generate-campaign').click()]);
    expect(download.suggestedFilename()).toMatch(/^coupons-spring-[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parseCsv(await readFile(await download.path(), 'utf8'));
    expect(header![0]).toBe('code');
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row[0])).size).toBe(3);
    await admin.getByTestId('campaign-done').waitFor();

    // One of the codes, redeemed in the user's browser: exactly 2 credits, and only once overall.
    const code = rows[0]![0]!;
    await page.goto(app.at('/promotions'));
    const before = (await page.getByTestId('balance-widget').getAttribute('data-available'))!;
    await page.getByTestId('redeem-code-input').fill(code);
    await page.locator('[data-testid="redeem-code-preview"][data-state="valid"][data-credits="2.000000"]').waitFor();
    await page.getByTestId('redeem-button').click();
    await page.getByTestId('redeem-result').waitFor();
    await widgetAt(creditsPlus(before, '2'));
    const second = await signUp(app.server.url, `second-${randomBytes(4).toString('hex')}@example.com`, USER_PASSWORD);
    const { validateCoupon } = await graphql<{ validateCoupon: { valid: boolean; reason: string } }>(
      app.server.url, 'query($code: String!) { validateCoupon(code: $code) { valid reason } }', { code }, second.token);
    expect(validateCoupon).toEqual({ valid: false, reason: 'EXHAUSTED' });
  });

  it("shows the sign-up in the admin's referral report, pending until a first payment", async () => {
    await app.openInConsole('Referrals', admin);
    await admin.waitForURL(app.at('/admin/referrals'));
    const row = admin.getByTestId('referral-row').filter({ hasText: email });
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('PENDING');
    await expect(row.textContent()).resolves.toContain(referrer.email);
  });

  it('saves the promotion settings from the Referrals page: only what changed, read back over the API', async () => {
    const form = admin.getByTestId('promotion-settings');
    await form.waitFor();
    await admin.getByTestId('gift-paid-only').check();
    await form.getByLabel("New user's bonus (credits)").fill('2.5');
    await admin.getByTestId('save-promotion-settings').click();
    await expect.poll(async () =>
      (await graphql<{ adminPromotionSettings: { giftPaidCreditsOnly: boolean; referredBonusCredits: string; referrerBonusCredits: string } }>(
        app.server.url, '{ adminPromotionSettings { giftPaidCreditsOnly referredBonusCredits referrerBonusCredits } }', {}, adminToken)).adminPromotionSettings,
    ).toEqual({ giftPaidCreditsOnly: true, referredBonusCredits: '2.500000', referrerBonusCredits: '5.000000' });
    // Back as it was, so the other tests see the defaults.
    await graphql(app.server.url, 'mutation($input: PromotionSettingsInput!) { adminUpdatePromotionSettings(input: $input) { updatedAt } }',
      { input: { giftPaidCreditsOnly: false, referredBonusCredits: '5' } }, adminToken);
  });

  it('keeps the account when the sign-up coupon is refused, and shows the code and why on Promotions', async () => {
    const code = `GONE-${tag()}`;
    await graphql(app.server.url, 'mutation($input: CouponInput!) { adminCreateCoupon(input: $input) { code } }', { input: { code, kind: 'CREDITS', credits: '1' } }, adminToken);
    await graphql(app.server.url, 'mutation($code: String!) { adminDeactivateCoupon(code: $code) { code } }', { code }, adminToken);
    const visitor = await app.openSecondBrowser();
    await visitor.goto(app.at('/sign-up'));
    await visitor.getByTestId('signup-coupon-input').fill(code);
    await visitor.locator('[data-testid="signup-coupon-preview"][data-state="invalid"][data-reason="INACTIVE"]').waitFor();
    await visitor.getByTestId('email-input').fill(`refused-${randomBytes(4).toString('hex')}@example.com`);
    await visitor.getByTestId('password-input').fill(USER_PASSWORD);
    await visitor.getByTestId('submit').click();
    await visitor.waitForURL(/\/promotions\?coupon=/);
    await expect(visitor.getByTestId('redeem-code-input').inputValue()).resolves.toBe(code);
    await visitor.locator('[data-testid="redeem-code-preview"][data-state="invalid"][data-reason="INACTIVE"]').waitFor();
    await visitor.locator(`[data-testid="balance-widget"][data-available="${startBalance}"]`).waitFor();
  });

  it('fits the Promotions page on a phone', async () => {
    await page.goto(app.at('/promotions'));
    await page.getByTestId('referral-link').waitFor();
    await app.onPhone(async () => {
      await expect(app.pageWidth()).resolves.toBeLessThanOrEqual(360);
      await app.shot('promotions-phone.png');
    });
    await expect(app.pageErrors).toEqual([]);
  });

  /** The signed-up user's token, as the SPA stored it. */
  const userToken = () => page.evaluate(() => localStorage.getItem('tollgate.token')!);
});
