import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenRouter } from '../../server/src/test-support/fake-openrouter';
import { complete, setTier, signUp } from './support/api';
import { type AppSession, startAppSession, reportFailures, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const SONNET = 'openrouter/anthropic/claude-3.5-sonnet';

/**
 * The admin's OpenRouter screen against a local fake of OpenRouter's API: a user's first OpenRouter
 * call creates their key, the admin reads its usage beside our recorded cost, then reviews
 * OpenRouter's lowered price and applies it as a new price version.
 */
describe.skipIf(SKIP_BROWSER_TESTS)("the admin's OpenRouter screen", () => {
  let app: AppSession;
  let page: Page;
  let fake: FakeOpenRouter;
  let userId: string;

  beforeAll(async () => {
    fake = await FakeOpenRouter.start();
    fake.models = [
      { id: 'anthropic/claude-3.5-sonnet', name: 'Claude 3.5 Sonnet', context_length: 200000, pricing: { prompt: '0.0000025', completion: '0.0000125' } },
      { id: 'meta-llama/llama-3.1-8b-instruct:free', name: 'Llama (free)', context_length: 131072, pricing: { prompt: '0', completion: '0' } },
    ];
    app = await startAppSession({
      env: { OPENROUTER_API_KEY: 'sk-or-v1-platform-e2e', OPENROUTER_BASE_URL: fake.baseURL, OPENROUTER_PROVISIONING_KEY: fake.provisioningKey },
    });
    page = app.page;
    const user = await signUp(app.server.url, `openrouter-${Date.now()}@example.com`, USER_PASSWORD);
    userId = user.userId;
    await setTier(app.server.url, (await app.adminApi()).token, user.userId, 'pro');
    await complete(app.server.url, user.token, { model: SONNET, prompt: 'Hello through my own OpenRouter key', maxTokens: 16 });
    await app.signInAdmin();
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  reportFailures(() => app);

  it("lists the user's key and reads its usage from OpenRouter beside our recorded cost", async () => {
    expect(fake.creates).toBe(1);
    await app.openInConsole('OpenRouter');
    const row = page.locator(`[data-testid="openrouter-key-row"][data-user="${userId}"]`);
    await row.waitFor();
    await page.getByTestId('openrouter-sync').click();
    await page.getByRole('button', { name: 'Read usage from OpenRouter' }).waitFor();
    await expect(row.textContent()).resolves.not.toContain('Not yet');
    // The call was metered at our catalog's $3/$15 per 1M; OpenRouter billed its lowered $2.50/$12.50: a
    // difference under a cent, below zero, with the exact figure on hover.
    const difference = row.getByTestId('openrouter-key-difference');
    await expect(difference.textContent()).resolves.toBe('< $0.01');
    await expect(difference.getAttribute('title')).resolves.toMatch(/^[−-]\$0\.0000\d+$/);
    await app.shot('admin-openrouter.png');
  });

  it("applies OpenRouter's lowered price after review", async () => {
    const sonnet = page.locator(`[data-testid="openrouter-price-row"][data-model="${SONNET}"]`);
    await expect(sonnet.getAttribute('data-changed')).resolves.toBe('true');
    await expect(sonnet.getByTestId('openrouter-price-check').isChecked()).resolves.toBe(true);
    await page.getByTestId('openrouter-apply').click();
    await page.getByTestId('openrouter-applied').waitFor();
    await page.locator(`[data-testid="openrouter-price-row"][data-model="${SONNET}"][data-changed="false"]`).waitFor();
    const text = await sonnet.textContent();
    expect(text, text ?? '').toContain('$2.50 / $12.50');
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-admin-openrouter.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
