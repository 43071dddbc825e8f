import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, setTier, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const OPENAI_KEY = 'sk-proj-e2eTestKeyAbcdefghijklmnop1234';
const REPLACEMENT = 'sk-proj-e2eTestKeyZyxwvutsrqponmlk9876';

/**
 * BYOK: a free-tier user is told the tier does not allow their own keys (the server's own
 * message); moved to Pro by an admin, they store an OpenAI key, see only its last four
 * characters, replace it and delete it.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the provider keys page', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;

  const keyInput = () => page.getByTestId('apiKey-input');
  const rows = () => page.getByTestId('provider-key-row');
  const save = async (provider: string, key: string) => {
    await page.getByTestId('provider-select').selectOption(provider);
    await keyInput().fill(key);
    await page.getByTestId('save-provider-key').click();
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('byok');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it("checks the key before sending it, with the server's rules", async () => {
    await page.goto(app.at('/'));
    await app.navLink('Provider keys').click();
    await page.getByTestId('provider-keys-empty').waitFor();
    await page.getByTestId('save-provider-key').click();
    await expect(page.getByTestId('apiKey-error').textContent()).resolves.toBe('Paste the API key from your provider');
    await save('openai', 'too-short');
    await expect(page.getByTestId('apiKey-error').textContent()).resolves.toBe('A provider key is 20 to 512 characters long');
  });

  it("shows the server's TIER_LIMIT_EXCEEDED message on a tier without BYOK, and empties the key box", async () => {
    await expect(page.getByTestId('byok-tier-note').textContent()).resolves.toContain('Your Free tier does not include your own keys');
    await save('openai', OPENAI_KEY);
    const error = page.getByTestId('provider-key-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Your Free tier does not allow your own provider keys.');
    await expect(keyInput().inputValue()).resolves.toBe('');
    await expect(rows().count()).resolves.toBe(0);
  });

  it('stores a key on Pro and shows only its last four characters', async () => {
    const admin = await app.adminApi();
    await setTier(app.server.url, admin.token, user.userId, 'pro');
    await page.reload();
    await page.getByTestId('provider-keys-empty').waitFor();
    await expect(page.getByTestId('byok-tier-note').count()).resolves.toBe(0);

    await save('openai', `  ${OPENAI_KEY}\n`);
    await expect(page.getByTestId('provider-key-notice').textContent()).resolves.toBe('Your OpenAI key •••• 1234 is saved.');
    await expect(rows().count()).resolves.toBe(1);
    await expect(rows().first().getAttribute('data-provider')).resolves.toBe('openai');
    await expect(page.getByTestId('provider-key-masked').textContent()).resolves.toBe('•••• 1234');
    await expect(keyInput().inputValue()).resolves.toBe('');
    // Nowhere on the page, in its storage, or in what the API answers.
    expect(await page.content()).not.toContain(OPENAI_KEY.slice(0, 20));
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('sk-proj');
    const api = await graphql<{ providerKeys: { provider: string; last4: string }[] }>(app.server.url, '{ providerKeys { provider last4 } }', {}, user.token);
    expect(api.providerKeys).toEqual([{ provider: 'openai', last4: '1234' }]);
    await app.shot('provider-keys.png');
  });

  it('replaces the key for the same provider rather than adding a second', async () => {
    await page.getByTestId('provider-select').selectOption('openai');
    await expect(page.getByTestId('save-provider-key').textContent()).resolves.toBe('Replace key');
    await keyInput().fill(REPLACEMENT);
    await page.getByTestId('save-provider-key').click();
    await page.locator('[data-testid="provider-key-masked"]', { hasText: '9876' }).waitFor();
    await expect(rows().count()).resolves.toBe(1);
  });

  it('deletes a key only after confirming', async () => {
    await page.getByTestId('delete-provider-key').click();
    await expect(page.getByTestId('confirm-dialog').textContent()).resolves.toContain('•••• 9876');
    await app.shot('provider-key-delete.png', page, 'view');
    await page.getByTestId('confirm-cancel').click();
    await expect(rows().count()).resolves.toBe(1);
    await page.getByTestId('delete-provider-key').click();
    await page.getByTestId('confirm-button').click();
    await page.getByTestId('provider-keys-empty').waitFor();
    const api = await graphql<{ providerKeys: unknown[] }>(app.server.url, '{ providerKeys { id } }', {}, user.token);
    expect(api.providerKeys).toEqual([]);
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-provider-keys.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
