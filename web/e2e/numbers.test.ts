import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, graphql, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsMinus } from './support/credits';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What the rules say a balance reads: 2 decimals, rounded down (stated here apart from the app's code). */
function balanceText(credits: string): string {
  const [whole, fraction] = credits.split('.') as [string, string];
  return `${whole}.${fraction.slice(0, 2)}`;
}

/** A charge: 2 decimals to the nearest, or the digits it needs when it is under 0.005. */
function chargeText(credits: string): string {
  const micro = BigInt(credits.replace('.', ''));
  if (micro < 5_000n) return `−${credits.replace(/0+$/, '')}`;
  const cents = (micro + 5_000n) / 10_000n;
  return `−${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/**
 * A new user's first charge, as they see it: the top-bar balance goes 10.00 → 9.99 without the bar
 * moving, with its dollars beside it and the exact figure on hover; the charge in the history reads
 * in the same format, with dollars, in words and with a link to the call's usage, no raw ids.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('numbers for people', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;
  let charged: string;
  let available: string;

  const pill = () => page.getByTestId('balance-widget');
  const pillBox = async () => (await pill().boundingBox())!;

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('numbers');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('shows a new balance in the short format with its dollars, and keeps the pill in place after a charge', async () => {
    await page.goto(app.at('/'));
    await page.locator('[data-testid="balance-widget"][data-available="10.000000"]').waitFor();
    await page.getByTestId('balance-widget-usd').waitFor();
    await expect(page.getByTestId('balance-widget-amount').textContent()).resolves.toBe('10.00');
    await expect(page.getByTestId('balance-widget-usd').textContent()).resolves.toBe('$0.10');
    const before = await pillBox();
    await app.shot('numbers-pill-before.png', page, 'view');

    ({ charged } = await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'What does a first call cost, in words?', maxTokens: 32 }));
    expect(charged).toMatch(/^\d+\.\d{6}$/);
    expect(charged).not.toBe('0.000000');
    available = creditsMinus('10.000000', charged);
    // The page hears the charge over the subscription: no reload.
    await page.locator(`[data-testid="balance-widget"][data-available="${available}"]`).waitFor();

    await expect(page.getByTestId('balance-widget-amount').textContent()).resolves.toBe(balanceText(available));
    await expect(page.getByTestId('balance-widget-amount').textContent()).resolves.toMatch(/^\d+\.\d\d$/);
    const after = await pillBox();
    // Same place, same size: the navigation beside it did not reflow.
    expect({ x: after.x, width: after.width, height: after.height }).toEqual({ x: before.x, width: before.width, height: before.height });
    await app.shot('numbers-pill-after.png', page, 'view');
  });

  it('puts the exact balance and its exact dollars on hover', async () => {
    await pill().hover();
    const title = (await pill().getAttribute('title'))!;
    const exact = available.replace(/0+$/, '');
    expect(title).toContain(`Available ${exact} (`);
    expect(title).toMatch(/\(\$0\.0\d+\) credits/);
    // The dashboard's card: the short figure with dollars, the exact one in its title.
    const card = page.getByTestId('balance-available');
    await card.locator('.credits-usd').waitFor();
    await expect(card.locator('.credits-amount').textContent()).resolves.toBe(balanceText(available));
    await expect(card.locator('[title]').getAttribute('title')).resolves.toContain(`${exact} credits = $`);
  });

  it('lists the charge in the same format, with dollars, in words and linked to its usage', async () => {
    await page.goto(app.at('/transactions'));
    const row = page.locator('[data-testid="transaction-row"][data-type="USAGE"]');
    await row.waitFor();
    await expect(row.getAttribute('data-amount')).resolves.toBe(`-${charged}`);
    const amount = row.getByTestId('transaction-amount');
    await amount.locator('.credits-usd').waitFor();
    await expect(amount.locator('.credits-amount').textContent()).resolves.toBe(chargeText(charged));
    await expect(amount.locator('.credits-usd').textContent()).resolves.toMatch(/^ \((< \$0\.01|−\$\d+\.\d\d)\)$/);
    await expect(amount.getAttribute('title')).resolves.toMatch(new RegExp(`^−${charged.replace(/0+$/, '').replace('.', '\\.')} credits = −\\$`));

    const reference = row.getByTestId('transaction-reference');
    await expect(reference.textContent()).resolves.toBe("Chat completion · See that day's usage");
    const day = new Date().toISOString().slice(0, 10);
    await expect(reference.locator('a').getAttribute('href')).resolves.toBe(`/usage?from=${day}&to=${day}`);
    // No raw ids on screen: the reference and the transaction id are in tooltips and the CSV export.
    const visible = (await page.locator('main').innerText()) || (await page.locator('body').innerText());
    expect(visible).not.toMatch(UUID);
    expect(visible).not.toContain('completion:');
    await expect(row.getByTestId('transaction-id').getAttribute('title')).resolves.toMatch(UUID);
    await app.shot('numbers-transactions.png');

    await reference.locator('a').click();
    await page.waitForURL(/\/usage\?from=/);
    await page.locator('[data-testid="usage-totals"][data-requests="1"]').waitFor();
    await expect(page.getByTestId('usage-totals').getAttribute('data-credits')).resolves.toBe(charged);
  });

  it('reads the same on a phone', async () => {
    await app.onPhone(async () => {
      await page.goto(app.at('/transactions'));
      await page.locator('[data-testid="transaction-row"][data-type="USAGE"]').waitFor();
      await expect(page.getByTestId('balance-widget-amount').textContent()).resolves.toBe(balanceText(available));
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('numbers-transactions-phone.png');
    });
    const api = await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, user.token);
    expect(api.creditBalance.available).toBe(available);
  });
});
