import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, graphql, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsPlus } from './support/credits';

interface Summary {
  requests: number;
  cachedRequests: number;
  credits: string;
}

/**
 * A user's completions (made over the API, as an application would) show on the usage page: the
 * server's totals, and the charts of spend by day, by model and cached requests by day.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the usage page', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;
  const charges: string[] = [];

  const summary = async () =>
    (await graphql<{ usageSummary: Summary }>(app.server.url, '{ usageSummary { requests cachedRequests credits } }', {}, user.token)).usageSummary;
  const chart = (name: string) => page.getByTestId(`chart-${name}`);
  const bars = (name: string) => chart(name).locator('.recharts-bar-rectangle');

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('usage');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('says there is nothing yet before the first completion', async () => {
    await page.goto(app.at('/usage'));
    await page.getByTestId('usage-empty').waitFor();
    await page.getByTestId('usage-credits').locator('.credits-usd').waitFor();
    await expect(page.getByTestId('usage-credits').textContent()).resolves.toBe('0.00 ($0.00)');
  });

  it('shows the totals and the charts after completions, the totals exactly as the server has them', async () => {
    for (const prompt of ['Count the words in this sentence please', 'A second, different prompt for the chart']) {
      charges.push((await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt, maxTokens: 32 })).charged);
    }
    // The same prompt again: a cache hit, free.
    const hit = await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'Count the words in this sentence please', maxTokens: 32 });
    expect(hit).toMatchObject({ cached: true, charged: '0.000000' });

    // The balance changes reached the open page, which refetches its figures without a reload.
    await page.locator(`[data-testid="usage-totals"][data-requests="3"]`).waitFor();
    const server = await summary();
    expect(server).toEqual({ requests: 3, cachedRequests: 1, credits: creditsPlus(...charges) });
    await expect(page.getByTestId('usage-totals').getAttribute('data-credits')).resolves.toBe(server.credits);
    await expect(page.getByTestId('usage-hit-rate').textContent()).resolves.toBe('33.3%');

    await chart('spend-by-day').waitFor();
    await expect(chart('spend-by-day').getAttribute('data-total')).resolves.toBe(server.credits);
    // Every bar of the day with usage is drawn (a zero-height one counts as hidden: `attached`).
    await bars('spend-by-day').first().waitFor({ state: 'attached' });
    await expect(chart('spend-by-model').getAttribute('data-models')).resolves.toBe('sandbox/echo');
    await expect(bars('spend-by-model').count()).resolves.toBe(1);
    await expect(chart('cached-by-day').getAttribute('data-cached')).resolves.toBe('1');
    await bars('cached-by-day').first().waitFor({ state: 'attached' });
    await app.shot('usage.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('usage-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('shows exact figures on hover', async () => {
    await bars('spend-by-model').first().hover();
    const tooltip = chart('spend-by-model').locator('.chart-tooltip');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain('sandbox/echo');
    await expect(tooltip.locator('dd[title]').first().getAttribute('title')).resolves.toBe(creditsPlus(...charges));
  });

  it('keeps a chosen range in the URL, refuses a reversed one, and goes back to this month', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Well inside the longest range the page accepts (366 days), whatever today is.
    const start = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('usage-from').fill(start);
    await page.waitForURL((url) => url.searchParams.get('from') === start && url.searchParams.get('to') === today);
    await expect(chart('spend-by-day').getAttribute('data-total')).resolves.toBe(creditsPlus(...charges));
    await page.reload();
    await expect(page.getByTestId('usage-from').inputValue()).resolves.toBe(start);

    await page.getByTestId('usage-to').fill(`${Number(start.slice(0, 4)) - 1}-01-01`);
    // Waits for the note to change (a one-off read could see the text from before the fill).
    await page.locator('[data-testid="usage-range-note"]', { hasText: 'The start date is after the end date' }).waitFor();

    await page.getByTestId('usage-this-month').click();
    await page.waitForURL((url) => url.search === '');
    await page.locator('[data-testid="usage-totals"][data-requests="3"]').waitFor();
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      await chart('spend-by-day').waitFor();
      // The charts follow the new width once their ResizeObserver has run: wait for the layout to settle.
      await expect.poll(() => app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-usage.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
