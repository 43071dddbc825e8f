import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, startAppSession, reportFailures, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

const PROMPT = 'Hello Tollgate, is anyone there?';
/** No platform key for any provider (an empty variable counts as unset), whatever the shell running the tests has. */
const NO_PROVIDER_KEYS = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', GOOGLE_API_KEY: '', OPENROUTER_API_KEY: '', OPENROUTER_PROVISIONING_KEY: '' };

/**
 * A new user's first model (decision 0046), on a server started with no provider keys: they sign up,
 * the playground's default (auto) answers, the estimator's default estimates, and the models that
 * cannot run say why — in the pickers and on the models page.
 */
describe.skipIf(SKIP_BROWSER_TESTS)("a new user's first model, with no provider configured", () => {
  let app: AppSession;
  let page: Page;

  beforeAll(async () => {
    app = await startAppSession({ env: NO_PROVIDER_KEYS });
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('signs up and lands in the app', async () => {
    await page.goto(app.at('/sign-up'));
    await app.submitCredentials(`first-model-${Date.now()}@example.com`, USER_PASSWORD);
    await page.getByTestId('user-email').waitFor();
  });

  it("answers the playground's default, auto, with the model that can run (the offline sandbox)", async () => {
    await app.navLink('Playground').click();
    await page.getByTestId('playground-form').waitFor();
    const picker = page.getByTestId('model-picker');
    await expect(picker.inputValue()).resolves.toBe('auto');
    await page.getByTestId('estimator-prompt').fill(PROMPT);
    await page.getByTestId('playground-run-button').click();
    await page.locator('[data-testid="playground-run"][data-status="done"]').waitFor();
    await expect(page.getByTestId('playground-model').textContent()).resolves.toBe('sandbox/echo');
    await expect(page.getByTestId('playground-output').textContent()).resolves.toBe(PROMPT);
    await expect(page.getByTestId('playground-charged').textContent()).resolves.toMatch(/\d/);
    await app.shot('first-model-playground.png');
  });

  it('holds back the models that cannot run in the playground, each with its reason, and counts them in a note', async () => {
    const picker = page.getByTestId('model-picker');
    const mini = picker.locator('option[value="openai/gpt-4o-mini"]');
    await expect(mini.isDisabled()).resolves.toBe(true);
    await expect(mini.getAttribute('title')).resolves.toMatch(/^Its provider \(OpenAI\) is not configured on this server/);
    await expect(picker.locator('option[value="sandbox/echo"]').isDisabled()).resolves.toBe(false);
    // Embedding models answer no prompt: never offered.
    await expect(picker.locator('option[value="sandbox/embed"]').count()).resolves.toBe(0);
    const note = page.getByTestId('model-picker-note');
    await expect(note.locator('summary').textContent()).resolves.toMatch(/^\d+ more models need a provider key$/);
    await note.locator('summary').click();
    await expect(note.textContent()).resolves.toContain('upgrade to a tier that allows your own provider keys');
  });

  it("estimates the estimator's default, auto, for the model that would run", async () => {
    await app.navLink('Estimator').click();
    await page.getByTestId('estimator').waitFor();
    await expect(page.getByTestId('model-picker').inputValue()).resolves.toBe('auto');
    await page.getByTestId('estimator-prompt').fill(PROMPT);
    await page.locator('[data-testid="recommendation"][data-model="sandbox/echo"]').waitFor();
    await page.locator('[data-testid="client-estimate"][data-model="sandbox/echo"]').waitFor();
    await expect(page.locator('[data-testid="client-estimate"]').getAttribute('data-max')).resolves.toMatch(/^\d+\.\d{6}$/);
    await expect(page.getByTestId('recommendation').textContent()).resolves.toMatch(/no provider is configured on this server/);
  });

  it('says on the estimator why a picked model cannot run', async () => {
    await page.getByTestId('model-picker').selectOption('openai/gpt-4o-mini');
    await expect(page.getByTestId('model-unavailable-reason').textContent()).resolves.toMatch(/^Its provider \(OpenAI\) is not configured on this server/);
  });

  it('shows on the models page which models can run now and why the others cannot', async () => {
    await app.navLink('Models').click();
    await page.getByTestId('models-table').waitFor();
    const row = (id: string) => page.locator(`[data-testid="model-row"][data-model="${id}"]`);
    await expect(row('sandbox/echo').getAttribute('data-runnable')).resolves.toBe('true');
    await expect(row('openai/gpt-4o-mini').getAttribute('data-runnable')).resolves.toBe('false');
    await expect(row('openai/gpt-4o-mini').getByTestId('model-unavailable-reason').textContent()).resolves.toMatch(
      /^Its provider \(OpenAI\) is not configured on this server; upgrade/,
    );
    await expect(page.getByTestId('models-runnable-count').textContent()).resolves.toMatch(/^\d+ can run for you now/);
    await expect(page.getByTestId('models-unavailable-reasons').textContent()).resolves.toMatch(
      /Its provider \(OpenAI\) is not configured on this server; upgrade/,
    );
    // No project file ever shows as a price's source or anywhere else.
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/CONTRACT\.md|docs\/api\.md/);
    await app.shot('first-model-models.png');
    await app.onPhone(async () => {
      await app.shot('phone-first-model-models.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
