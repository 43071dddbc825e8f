import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signUp, type ApiSession } from './support/api';
import { type AppSession, USER_PASSWORD, reportFailures, startAppSession } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { parseCsv } from './support/csv';

interface Pack {
  code: string;
  priceUsd: string;
  credits: string;
}

/** "12.50" / "12.5" / "0.000031" → integer micro-units, without a float. */
function micro(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
}
/** Micro-units → the API's 6-digit decimal string. */
function decimal6(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}
/** profit × 100 ÷ revenue to 2 digits, half away from zero (docs/analytics.md), both ≥ 0 here. */
function marginOf(profit: bigint, revenue: bigint): string {
  const hundredths = (profit * 10_000n * 2n + revenue) / (revenue * 2n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
/** "$1,234.57": the console's dollars, computed here from micro-dollars. */
function dollars(units: bigint): string {
  const cents = (units + 5_000n) / 10_000n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/**
 * The admin console in a real browser, over real activity: a user buys a package through the test
 * checkout and makes a few sandbox/echo completions; the admin signs in, lands in the console and
 * reads the same figures computed here by hand (docs/analytics.md): gross revenue = the package's
 * price (test mode: no Stripe fee), provider cost = Σ tokens × sandbox/echo's list price ($1 in,
 * $2 out per 1M tokens), margin = (revenue − cost) ÷ revenue.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the admin console', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession & { email: string };
  let pack: Pack;
  let costMicro = 0n;
  let consumedMicro = 0n;
  const calls = 3;
  let inputTokens = 0;
  let outputTokens = 0;

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const email = `console-${Date.now().toString(36)}@example.com`;
    user = { ...(await signUp(app.server.url, email, USER_PASSWORD)), email };
    const { creditPackages } = await graphql<{ creditPackages: Pack[] }>(app.server.url, '{ creditPackages { code priceUsd credits } }', {}, user.token);
    pack = creditPackages[0]!;
    // Test mode: buyCredits answers Tollgate's own test checkout; its Pay runs the webhook's fulfilment.
    const { buyCredits } = await graphql<{ buyCredits: { id: string; url: string } }>(
      app.server.url,
      'mutation($i: BuyCreditsInput!) { buyCredits(input: $i) { id url } }',
      { i: { packageCode: pack.code } },
      user.token,
    );
    const paid = await fetch(app.at(new URL(buyCredits.url).pathname), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    for (let i = 0; i < calls; i++) {
      const { complete } = await graphql<{ complete: { charged: string; cached: boolean; usage: { inputTokens: number; outputTokens: number } } }>(
        app.server.url,
        'mutation($input: CompletionInput!) { complete(input: $input) { charged cached usage { inputTokens outputTokens } } }',
        { input: { model: 'sandbox/echo', prompt: `Console check number ${i}: count these words please`, maxTokens: 64 } },
        user.token,
      );
      expect(complete.cached).toBe(false);
      inputTokens += complete.usage.inputTokens;
      outputTokens += complete.usage.outputTokens;
      consumedMicro += micro(complete.charged);
    }
    // $1 per 1M input tokens is 1 micro-dollar a token; $2 per 1M output tokens, 2.
    costMicro = BigInt(inputTokens) + 2n * BigInt(outputTokens);
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('lands the admin in the console after signing in, with its own grouped navigation', async () => {
    await app.signInAdmin();
    await page.waitForURL(app.at('/admin'));
    await page.getByTestId('console').waitFor();
    const sidebar = page.getByRole('navigation', { name: 'Console' });
    for (const group of ['Business', 'People', 'Catalog & gateway', 'Promotions', 'Integrity']) {
      await sidebar.getByRole('heading', { name: group }).waitFor();
    }
    for (const link of ['Overview', 'Users', 'Runway', 'Reconciliation', 'Usage', 'Catalog', 'Gateway', 'Coupons', 'Audit log', 'Ledger audit']) {
      await sidebar.getByRole('link', { name: link, exact: true }).waitFor();
    }
    // The console has no user navigation, no balance widget and no low-balance banner.
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('low-balance-banner').count()).resolves.toBe(0);
  });

  it('shows the hand-computed gross revenue, provider cost and margin on the KPI cards', async () => {
    const revenue = micro(pack.priceUsd);
    const profit = revenue - costMicro;
    const kpi = (name: string) => page.getByTestId(`kpi-${name}`);
    await kpi('grossRevenueUsd').waitFor();
    await expect(kpi('grossRevenueUsd').getAttribute('data-value')).resolves.toBe(decimal6(revenue));
    await expect(kpi('grossRevenueUsd').textContent()).resolves.toBe(dollars(revenue));
    await expect(kpi('grossRevenueUsd').getAttribute('title')).resolves.toBe(`${decimal6(revenue)} USD`);
    await expect(kpi('stripeFeesUsd').getAttribute('data-value')).resolves.toBe('0.000000');
    await expect(kpi('netRevenueUsd').getAttribute('data-value')).resolves.toBe(decimal6(revenue));
    await expect(kpi('providerCostUsd').getAttribute('data-value')).resolves.toBe(decimal6(costMicro));
    await expect(kpi('providerCostUsd').textContent()).resolves.toBe(dollars(costMicro));
    await expect(kpi('grossProfitUsd').getAttribute('data-value')).resolves.toBe(decimal6(profit));
    const margin = marginOf(profit, revenue);
    await expect(kpi('marginPercent').getAttribute('data-value')).resolves.toBe(margin);
    const tenths = (BigInt(margin.replace('.', '')) + 5n) / 10n;
    await expect(kpi('marginPercent').textContent()).resolves.toBe(`${tenths / 10n}.${tenths % 10n}%`);
    await expect(kpi('creditsConsumed').getAttribute('data-value')).resolves.toBe(decimal6(consumedMicro));
    await expect(kpi('creditsSold').getAttribute('data-value')).resolves.toBe(decimal6(micro(pack.credits)));
    await app.shot('console-overview.png');
  });

  it('draws revenue vs provider cost by day and the margin by model and by tier', async () => {
    for (const chart of ['chart-revenue-cost', 'chart-margin-model', 'chart-margin-tier']) {
      const figure = page.getByTestId(chart);
      await expect(figure.getAttribute('data-empty')).resolves.toBe('false');
      await expect.poll(() => figure.locator('svg path.recharts-rectangle').count()).toBeGreaterThan(0);
    }
    // The model's margin bar is sandbox/echo's: the only model used.
    await expect(page.getByTestId('chart-margin-model').getByText('sandbox/echo').count()).resolves.toBeGreaterThan(0);
  });

  it('exports the by-model table as CSV with the exact figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('by-model-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^tollgate-by-model_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
    expect(row).toMatchObject({
      Model: 'sandbox/echo',
      Provider: 'sandbox',
      Requests: String(calls),
      'Input tokens': String(inputTokens),
      'Output tokens': String(outputTokens),
      'Credits consumed (credits)': decimal6(consumedMicro),
      'Provider cost (USD)': decimal6(costMicro),
      'BYOK cost (USD)': '0.000000',
    });
  });

  it('keeps the range in the URL, in UTC, and says so when a range has no activity', async () => {
    await page.getByTestId('range-preset').selectOption('last-month');
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d{2}-01$/);
    await page.getByTestId('overview-empty').waitFor();
    await expect(page.getByTestId('chart-revenue-cost').getAttribute('data-empty')).resolves.toBe('true');
    await expect(page.getByTestId('range-summary').textContent()).resolves.toContain('Dates in UTC');
    await page.reload();
    await page.getByTestId('overview-empty').waitFor();
    await expect(page.getByTestId('range-preset').inputValue()).resolves.toBe('last-month');
  });

  it('links each top user to their page, lists the runway watch, and reconciles the provider cost', async () => {
    await page.getByTestId('range-preset').selectOption('this-month');
    const userRow = page.locator(`[data-testid="top-users-row"][data-key="${user.userId}"]`);
    await userRow.waitFor();
    await expect(userRow.getByTestId('user-link').getAttribute('href')).resolves.toBe(`/admin/users/${user.userId}`);
    // Waited for: the previous range's rows stay on show (dimmed) until this range's arrive.
    await userRow.locator(`td[data-label="Gross revenue"] [data-value="${decimal6(micro(pack.priceUsd))}"]`).waitFor();

    const sidebar = page.getByRole('navigation', { name: 'Console' });
    await sidebar.getByRole('link', { name: 'Runway' }).click();
    // Three tiny sandbox calls against a package's credit: this user's runway is far beyond any threshold.
    await page.getByTestId('runway-threshold').fill('30');
    await page.locator('[data-testid="runway-empty"], [data-testid="runway"]').first().waitFor();
    await expect(page.locator(`[data-testid="runway-row"][data-key="${user.userId}"]`).count()).resolves.toBe(0);

    await sidebar.getByRole('link', { name: 'Reconciliation' }).click();
    const sandboxRow = page.locator('[data-testid="reconciliation-row"][data-key$="/sandbox"]');
    await sandboxRow.waitFor();
    await expect(sandboxRow.locator('td[data-label="Metered"] [data-value]').getAttribute('data-value')).resolves.toBe(decimal6(costMicro));
    await expect(sandboxRow.locator('td[data-label="Unexplained"] [data-value]').getAttribute('data-value')).resolves.toBe('0.000000');
  });

  it("shows every account's usage on the console's Usage page, not the admin's own", async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Usage' }).click();
    await page.waitForURL(/\/admin\/usage/);
    const totals = page.getByTestId('usage-totals');
    await expect.poll(() => totals.getAttribute('data-requests')).toBe(String(calls));
    await expect(totals.getAttribute('data-credits')).resolves.toBe(decimal6(consumedMicro));
    await expect.poll(() => page.getByTestId('chart-spend-by-day').locator('svg path.recharts-rectangle').count()).toBeGreaterThan(0);
  });

  it('fits a phone: the sidebar folds behind the menu and nothing scrolls sideways', async () => {
    await app.onPhone(async () => {
      await page.goto(app.at('/admin'));
      await page.getByTestId('kpi-grossRevenueUsd').waitFor();
      await page.getByTestId('chart-revenue-cost').locator('svg[role="application"]').waitFor();
      await expect.poll(() => app.pageWidth()).toBeLessThanOrEqual(360);
      await page.getByTestId('menu-button').click();
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Runway' }).waitFor();
      await app.shot('phone-console.png', page, 'view');
      await expect.poll(() => app.pageWidth()).toBeLessThanOrEqual(360);
      // The widest tables: reflowed into labelled cards on a phone.
      for (const [path, ready] of [['/admin/reconciliation', 'reconciliation-row'], ['/admin/usage', 'usage-totals']] as const) {
        await page.goto(app.at(path));
        await page.getByTestId(ready).first().waitFor();
        await expect.poll(() => app.pageWidth()).toBeLessThanOrEqual(360);
      }
      await app.shot('phone-console-usage.png');
    });
  });

  it('goes back to the app from the console; the app shows the admin one Console link and no admin links', async () => {
    await page.goto(app.at('/admin'));
    await page.getByTestId('back-to-app').click();
    await page.waitForURL(app.at('/'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await expect(nav.locator('a[href^="/admin"]').count()).resolves.toBe(0);
    // The admin's own account is empty, below the alert threshold, yet no low-balance banner for them.
    const admin = await app.adminApi();
    const { creditBalance } = await graphql<{ creditBalance: { lowBalance: boolean } }>(app.server.url, '{ creditBalance { lowBalance } }', {}, admin.token);
    expect(creditBalance.lowBalance).toBe(true);
    await page.locator('[data-testid="balance-widget"][data-available]').waitFor();
    await page.getByTestId('dashboard-role').waitFor();
    await expect(page.getByTestId('low-balance-banner').count()).resolves.toBe(0);
    await page.getByTestId('console-link').click();
    await page.waitForURL(app.at('/admin'));
  });

  it('gives a plain user a short navigation without admin links, and refuses /admin', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
    await app.submitCredentials(user.email, USER_PASSWORD);
    await page.waitForURL(app.at('/'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await expect(nav.locator('a[href^="/admin"]').count()).resolves.toBe(0);
    // The user's own screens only, two in the row and the rest in the Build, Billing and Settings menus.
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Dashboard', 'Playground']);
    const all = await nav.getByRole('link', { includeHidden: true }).allTextContents();
    expect(all.slice(0, 7)).toEqual(['Dashboard', 'Playground', 'Models', 'Estimator', 'API keys', 'Billing', 'Usage']);
    expect(all).toContain('Provider keys');
    await expect(page.getByTestId('console-link').count()).resolves.toBe(0);
    for (const path of ['/admin', '/admin/users', '/admin/models']) {
      await page.goto(app.at(path));
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await expect(page.getByTestId('console').count()).resolves.toBe(0);
    }
    expect(app.pageErrors).toEqual([]);
  });
});
