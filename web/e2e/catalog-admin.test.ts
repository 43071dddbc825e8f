import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signUp } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

/** An admin reprices a model, schedules a price, takes a model off and back on, and edits a tier. */
describe.skipIf(SKIP_BROWSER_TESTS)('the catalog admin console', () => {
  let app: AppSession;
  let page: Page;

  const adminRow = (model: string) => page.locator(`[data-testid="admin-model-row"][data-model="${model}"]`);
  const openPriceDialog = async (model: string) => {
    await adminRow(model).getByTestId('edit-price').click();
    await page.getByTestId('edit-price-form').waitFor();
  };
  const localDateTime = (date: Date) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    await app.signInAdmin();
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('edits a price after checking it and confirming exactly what changes', async () => {
    await app.openInConsole('Catalog');
    await page.getByTestId('admin-models-table').waitFor();
    await openPriceDialog('openai/gpt-4o-mini');
    await expect(page.getByTestId('price-input-input').inputValue()).resolves.toBe('0.15');

    await page.getByTestId('price-input-input').fill('0.0005');
    await page.getByTestId('edit-price-review').click();
    await expect(page.getByTestId('price-input-error').textContent()).resolves.toBe('At most 3 decimals: $0.001 per 1M tokens is the smallest step');

    await page.getByTestId('price-input-input').fill('0.2');
    await page.getByTestId('price-output-input').fill('0.80');
    await page.getByTestId('price-cached-input').fill('0.1');
    await page.getByTestId('edit-price-review').click();
    await expect(page.getByTestId('price-changes').locator('li').allTextContents()).resolves.toEqual([
      'Input $0.15 → $0.20',
      'Output $0.60 → $0.80',
      'Cached input $0.075 → $0.10',
    ]);
    await app.shot('admin-edit-price.png', page, 'view');
    await page.getByTestId('edit-price-confirm').click();
    await expect(page.getByTestId('catalog-notice').textContent()).resolves.toBe('New price for GPT-4o mini takes effect now.');
    await expect(adminRow('openai/gpt-4o-mini').getByTestId('admin-model-input').textContent()).resolves.toBe('$0.20');
    await expect(adminRow('openai/gpt-4o-mini').getByTestId('admin-model-output').textContent()).resolves.toBe('$0.80');
  });

  it('shows the new per-1M credits on the models page, to the admin and to a user', async () => {
    await app.openInApp('Models');
    const row = page.locator('[data-testid="model-row"][data-model="openai/gpt-4o-mini"]');
    // $0.20 and $0.80 per 1M, budget class, 5% markup on the free tier, a credit at $0.01.
    await expect.poll(() => row.getAttribute('data-input-credits')).toBe('21.000000');
    await expect(row.getAttribute('data-output-credits')).resolves.toBe('84.000000');
    await expect(row.getByTestId('model-input-credits').textContent()).resolves.toBe('21.00');
    const user = await signUp(app.server.url, `priced-${randomBytes(4).toString('hex')}@example.com`, 'Metered-Tokens-42');
    const { models } = await graphql<{ models: { id: string; inputCreditsPerMTok: string; outputCreditsPerMTok: string }[] }>(
      app.server.url,
      '{ models { id inputCreditsPerMTok outputCreditsPerMTok } }',
      {},
      user.token,
    );
    expect(models.find((m) => m.id === 'openai/gpt-4o-mini')).toEqual({ id: 'openai/gpt-4o-mini', inputCreditsPerMTok: '21.000000', outputCreditsPerMTok: '84.000000' });
  });

  it('schedules a price for later: listed in the history, not charged yet', async () => {
    await app.openInConsole('Catalog');
    await openPriceDialog('sandbox/echo');
    await page.getByTestId('price-output-input').fill('3');
    await page.getByTestId('price-timing-later').check();
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    tomorrow.setSeconds(0, 0);
    await page.getByTestId('price-effective-input').fill(localDateTime(tomorrow));
    await page.getByTestId('edit-price-review').click();
    await page.getByTestId('edit-price-confirm').click();
    await expect(page.getByTestId('catalog-notice').textContent()).resolves.toMatch(/^New price for Sandbox echo takes effect from /);
    await expect(adminRow('sandbox/echo').getByTestId('admin-model-output').textContent()).resolves.toBe('$2.00');

    await adminRow('sandbox/echo').getByTestId('price-history-open').click();
    const versions = page.getByTestId('price-version');
    await expect.poll(() => versions.count()).toBe(2);
    await expect(versions.evaluateAll((els) => els.map((el) => [el.getAttribute('data-status'), el.getAttribute('data-output')]))).resolves.toEqual([
      ['scheduled', '3'],
      ['current', '2'],
    ]);
    await app.shot('admin-price-history.png', page, 'view');
    await page.getByTestId('price-history-close').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('admin-models.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('admin-models-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('takes a model off the catalog after confirming, and puts it back', async () => {
    await adminRow('sandbox/echo').getByTestId('model-active-toggle').click();
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-testid="admin-model-row"][data-model="sandbox/echo"][data-active="false"]').waitFor();
    await app.openInApp('Models');
    await page.getByTestId('models-table').waitFor();
    await expect.poll(() => page.locator('[data-model="sandbox/echo"]').count()).toBe(0);

    await app.openInConsole('Catalog');
    await adminRow('sandbox/echo').getByTestId('model-active-toggle').click();
    await page.locator('[data-testid="admin-model-row"][data-model="sandbox/echo"][data-active="true"]').waitFor();
    await app.openInApp('Models');
    await page.locator('[data-testid="model-row"][data-model="sandbox/echo"]').waitFor();
  });

  it('edits a tier: validates, confirms the changes, and the tiers page shows them', async () => {
    await app.openInConsole('Tiers');
    await page.getByTestId('tier-pick-free').click();
    const editor = page.locator('[data-testid="tier-editor"][data-tier="free"]');
    await editor.waitFor();
    await page.getByTestId('tier-max-tokens-input').fill('two thousand');
    await page.getByTestId('tier-models-input').fill('openai/gpt-5');
    await page.getByTestId('tier-review').click();
    await expect(page.getByTestId('tier-max-tokens-error').textContent()).resolves.toBe('Digits only, e.g. 2048');
    await expect(editor.getByText('Not in the catalog: openai/gpt-5').count()).resolves.toBe(1);

    await page.getByTestId('tier-max-tokens-input').fill('3000');
    await page.getByTestId('tier-models-input').fill('openai/gpt-4o');
    await page.getByTestId('tier-review').click();
    await expect(page.getByTestId('tier-changes').locator('li').allTextContents()).resolves.toEqual([
      'Max tokens per request 2,048 → 3,000',
      'Models by name none → openai/gpt-4o',
    ]);
    await app.shot('admin-tiers.png', page, 'view');
    await page.getByTestId('tier-changes-confirm').click();
    await page.getByTestId('tier-saved').waitFor();

    await app.openInApp('Tiers');
    await expect.poll(() => page.getByTestId('tier-row-maxTokens').locator('td').first().textContent()).toBe('3,000');
    await expect(page.getByTestId('tier-row-classes').locator('td').first().textContent()).resolves.toBe('Free, Budget + openai/gpt-4o');
    // Named in the free tier now, so the (standard-class) model is allowed for the admin too.
    await app.openInApp('Models');
    await expect.poll(() => page.locator('[data-testid="model-row"][data-model="openai/gpt-4o"]').getAttribute('data-allowed')).toBe('true');
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
