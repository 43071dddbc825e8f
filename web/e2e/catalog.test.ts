import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

interface ApiModel {
  id: string;
  inputCreditsPerMTok: string;
  outputCreditsPerMTok: string;
  allowed: boolean;
}

/** A free-tier user browses the models and the tiers, is moved to Pro by an admin, and steps back down. */
describe.skipIf(SKIP_BROWSER_TESTS)('the models and tiers pages', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;

  const rows = () =>
    page.getByTestId('model-row').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-model')!,
        input: el.getAttribute('data-input-credits')!,
        output: el.getAttribute('data-output-credits')!,
        allowed: el.getAttribute('data-allowed') === 'true',
      })),
    );
  const row = (model: string) => page.locator(`[data-testid="model-row"][data-model="${model}"]`);
  const apiModels = async () =>
    (await graphql<{ models: ApiModel[] }>(app.server.url, '{ models { id inputCreditsPerMTok outputCreditsPerMTok allowed } }', {}, user.token)).models;

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('catalog');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('lists every active model with the prices the API gives this user', async () => {
    await page.goto(app.at('/models'));
    await page.getByTestId('models-table').waitFor();
    const shown = await rows();
    const api = await apiModels();
    expect(shown).toHaveLength(api.length);
    const byId = new Map(api.map((m) => [m.id, m]));
    for (const model of shown) {
      expect(byId.get(model.id)).toEqual({ id: model.id, inputCreditsPerMTok: model.input, outputCreditsPerMTok: model.output, allowed: model.allowed });
    }
    // gpt-4o-mini at $0.15 / $0.60 per 1M, budget class, 5% markup, a credit at $0.01.
    expect(shown.find((m) => m.id === 'openai/gpt-4o-mini')).toMatchObject({ input: '15.750000', output: '63.000000', allowed: true });
  });

  it('shows a free user a premium model as not allowed, and hides it on request', async () => {
    const opus = row('anthropic/claude-3-opus');
    await expect(opus.getAttribute('data-allowed')).resolves.toBe('false');
    await expect(opus.getByTestId('model-not-allowed').textContent()).resolves.toBe('Not on Free');
    await expect(opus.locator('.price-class').textContent()).resolves.toBe('Premium');
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('models.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('models-dark.png');
    await page.getByTestId('theme-toggle').click();

    await page.getByTestId('only-allowed').check();
    await expect.poll(() => opus.count()).toBe(0);
    expect((await rows()).every((m) => m.allowed)).toBe(true);
    expect(new URL(page.url()).searchParams.get('allowed')).toBe('1');
    await page.getByTestId('only-allowed').uncheck();
  });

  it('sorts by a column, numerically, both ways', async () => {
    await page.getByTestId('sort-output').click();
    const ascending = (await rows()).map((m) => BigInt(m.output.replace('.', '')));
    expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await page.getByTestId('sort-output').click();
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Output / 1M');
    const first = (await rows())[0]!;
    expect(first.id).toBe('anthropic/claude-3-opus');
    await page.reload();
    await page.getByTestId('models-table').waitFor();
    await expect(rows().then((r) => r[0]!.id)).resolves.toBe('anthropic/claude-3-opus');
  });

  it('compares the four tiers, the current one highlighted, upgrades through billing', async () => {
    await page.goto(app.at('/tiers'));
    const columns = page.getByTestId('tier-column');
    await columns.first().waitFor();
    await expect(columns.evaluateAll((els) => els.map((el) => el.getAttribute('data-tier')))).resolves.toEqual(['free', 'starter', 'pro', 'enterprise']);
    await expect(page.locator('[data-tier="free"] [data-testid="current-tier-badge"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('tier-row-price').locator('td').allTextContents()).resolves.toEqual(['Free', '$9.00 / month', '$29.00 / month', '$99.00 / month']);
    await expect(page.getByTestId('tier-row-maxTokens').locator('td').allTextContents()).resolves.toEqual(['2,048', '4,096', '8,192', '16,384']);
    // Each paid tier's Upgrade opens a subscription checkout (billing.test.ts follows one through).
    for (const code of ['starter', 'pro', 'enterprise']) await expect(page.getByTestId(`upgrade-${code}`).getAttribute('data-action')).resolves.toBe('subscribe');
    await expect(page.getByText('coming soon').count()).resolves.toBe(0);
    await expect(page.getByTestId('switch-to-free').count()).resolves.toBe(0);
    await expect(page.getByTestId('credit-package').count()).resolves.toBe(3);
    // The usage advice: a new user's light usage keeps them on free, the cheapest.
    await page.getByTestId('tier-advice').waitFor();
    await expect(page.getByTestId('tier-advice').textContent()).resolves.toMatch(/Free is already your cheapest tier/);
  });

  it('lets a paid user step down to free, after confirming', async () => {
    const admin = await app.adminApi();
    await graphql(app.server.url, 'mutation($u: ID!) { adminSetTier(userId: $u, tier: "pro") { id } }', { u: user.userId }, admin.token);
    await page.reload();
    await page.locator('[data-tier="pro"] [data-testid="current-tier-badge"]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('tiers.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('tiers-dark.png');
    await page.getByTestId('theme-toggle').click();

    await page.getByTestId('switch-to-free').click();
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByTestId('current-tier-name').textContent()).resolves.toBe('Pro');
    await page.getByTestId('switch-to-free').click();
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-tier="free"] [data-testid="current-tier-badge"]').waitFor();
    await expect(page.getByTestId('tier-notice').textContent()).resolves.toBe('You are on the Free tier now.');
    // What depended on the tier is fetched afresh: the premium model is out of reach again.
    await app.navLink('Models').click();
    await expect(row('anthropic/claude-3-opus').getAttribute('data-allowed')).resolves.toBe('false');
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      await page.goto(app.at('/tiers'));
      // One card per tier instead of the table.
      await page.getByTestId('tier-cards').waitFor();
      await expect(page.getByTestId('tier-column').count()).resolves.toBe(4);
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-tiers.png', page, 'view');
      await page.goto(app.at('/models'));
      await page.getByTestId('models-table').waitFor();
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-models.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
