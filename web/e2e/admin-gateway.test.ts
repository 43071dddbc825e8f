import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, signUp } from './support/api';
import { type AppSession, startAppSession, reportFailures, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

/**
 * The admin's gateway view: the response cache across every account and each provider's last
 * 24 hours. A user's calls (a fresh answer, then the same one from the cache) show up in it; the
 * real providers have no key in this test, so they are listed as unavailable.
 */
describe.skipIf(SKIP_BROWSER_TESTS)("the admin's gateway view", () => {
  let app: AppSession;
  let page: Page;

  const provider = (name: string) => page.locator(`[data-testid="provider-status-row"][data-provider="${name}"]`);

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const user = await signUp(app.server.url, `gateway-${Date.now()}@example.com`, USER_PASSWORD);
    for (let i = 0; i < 2; i += 1) await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'Cache me if you can', maxTokens: 16 });
    await app.signInAdmin();
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it("shows the cache's hits and the credits they saved, across accounts", async () => {
    await app.openInConsole('Gateway');
    const stats = page.getByTestId('admin-cache-stats');
    await stats.waitFor();
    await expect(stats.getAttribute('data-requests')).resolves.toBe('2');
    await expect(stats.getAttribute('data-hits')).resolves.toBe('1');
    await expect(stats.getAttribute('data-saved')).resolves.not.toBe('0.000000');
    await expect(stats.textContent()).resolves.toContain('50%');
  });

  it('lists every provider, the unavailable ones first, with the sandbox healthy', async () => {
    await page.getByTestId('provider-status-table').waitFor();
    await expect(provider('sandbox').getAttribute('data-health')).resolves.toBe('ok');
    await expect(provider('sandbox').locator('td').nth(2).textContent()).resolves.not.toBe('0');
    const names = await page.getByTestId('provider-status-row').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-provider'), row.getAttribute('data-health')]));
    expect(names.map(([name]) => name).sort()).toEqual(['anthropic', 'google', 'openai', 'openrouter', 'sandbox']);
    // The providers without a platform key come first: they need attention.
    expect(names.slice(0, 4).every(([, health]) => health === 'down')).toBe(true);
    await app.shot('admin-gateway.png');
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-admin-gateway.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
