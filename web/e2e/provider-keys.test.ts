import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, setTier, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const OPENAI_KEY = 'sk-proj-e2eTestKeyAbcdefghijklmnop1234';
const REPLACEMENT = 'sk-proj-e2eTestKeyZyxwvutsrqponmlk9876';

/**
 * BYOK: on the Free tier the form is disabled as a whole, with one message naming the tier to
 * upgrade to; moved to Pro by an admin, the user stores an OpenAI key, sees only its last four
 * characters, replaces it and deletes it. A refusal (the tier changed behind the page) keeps the
 * pasted key in its box and says why once.
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

  it('disables the form on the Free tier, with one message and the way to upgrade', async () => {
    await page.goto(app.at('/'));
    await app.navLink('Provider keys').click();
    await page.getByTestId('provider-keys-empty').waitFor();
    const note = page.getByTestId('byok-tier-note');
    await expect(note.textContent()).resolves.toBe("Your Free tier uses Tollgate's provider keys. Upgrade to Pro to use your own keys. Compare tiers");
    await expect(note.getByRole('link', { name: 'Compare tiers' }).getAttribute('href')).resolves.toBe('/tiers');
    await expect(keyInput().isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('provider-select').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('save-provider-key').isDisabled()).resolves.toBe(true);
    await expect(page.locator('.page .alert').count()).resolves.toBe(1);
    await app.shot('provider-keys-free.png');
  });

  it("checks the key before sending it on Pro, with the server's rules", async () => {
    const admin = await app.adminApi();
    await setTier(app.server.url, admin.token, user.userId, 'pro');
    await page.reload();
    await page.getByTestId('provider-keys-empty').waitFor();
    await expect(page.getByTestId('byok-tier-note').count()).resolves.toBe(0);
    await page.getByTestId('save-provider-key').click();
    await expect(page.getByTestId('apiKey-error').textContent()).resolves.toBe('Paste the API key from your provider');
    await save('openai', 'too-short');
    await expect(page.getByTestId('apiKey-error').textContent()).resolves.toBe('A provider key is 20 to 512 characters long');
  });

  it('stores a key on Pro and shows only its last four characters', async () => {
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

  it('keeps the pasted key after a refusal and says why once (the tier changed behind the page)', async () => {
    const admin = await app.adminApi();
    await setTier(app.server.url, admin.token, user.userId, 'free');
    await save('anthropic', OPENAI_KEY);
    // The page reads the tier again and turns to its Free state: one message, the key still in its box.
    const note = page.getByTestId('byok-tier-note');
    await note.waitFor();
    await expect(note.textContent()).resolves.toContain('Upgrade to Pro');
    await expect(keyInput().inputValue()).resolves.toBe(OPENAI_KEY);
    await expect(keyInput().isDisabled()).resolves.toBe(true);
    await expect(page.locator('.page .alert').count()).resolves.toBe(1);
    await expect(page.getByTestId('provider-key-error').count()).resolves.toBe(0);
    await expect(rows().count()).resolves.toBe(0);
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
