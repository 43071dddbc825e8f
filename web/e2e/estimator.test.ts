import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { estimateCost, settledEstimates } from './support/estimates';

const ARTICLE = [
  'Summarize the following notes for a status update, in three bullet points.',
  'The billing service moved to the new ledger on Tuesday; 0.4% of invoices needed a manual re-run.',
  'Latency at the gateway dropped from 180 ms to 95 ms (p95) after the connection-pool fix — naïve retries are gone.',
  '東京 and Zürich regions follow next week. Émilie owns the rollout checklist.',
].join('\n');

/**
 * A free-tier user prices prompts in the estimator. The browser counts and prices them with the
 * shared code; the page also asks the server's `estimateCost` for the same input (kept as data
 * attributes, shown to a person only if the two disagree). Both must agree to the micro-credit, and
 * both must equal what the API answers a direct call.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the cost estimator', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;

  const prompt = () => page.getByTestId('estimator-prompt');
  const pick = (model: string) => page.getByTestId('model-picker').selectOption(model);
  const maxTokens = () => page.getByTestId('estimator-max-tokens');
  const tokenizerRequests = () =>
    page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /\/assets\/tokenizer-/.test(entry.name)).length);

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('estimator');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('loads the token counter only once someone types', async () => {
    await page.goto(app.at('/'));
    await page.getByTestId('estimator-widget').waitFor();
    await expect(tokenizerRequests()).resolves.toBe(0);
    await page.goto(app.at('/estimator'));
    await page.getByTestId('estimate-idle').waitFor();
    await expect(tokenizerRequests()).resolves.toBe(0);
  });

  it('prices a sandbox/echo prompt to the micro-credit, the same in the browser, on the server and over the API', async () => {
    await pick('sandbox/echo');
    await prompt().fill('Hello world');
    const { client, server, state } = await settledEstimates(page, 'sandbox/echo');
    // By hand: 9 prompt tokens (2 + chat framing), a 2,048-token budget at $1 / $2 per 1M, 5% budget markup.
    expect(client).toEqual({ model: 'sandbox/echo', expected: '0.108465', max: '0.431025', inputTokens: '9' });
    expect(server).toEqual(client);
    expect(state).toBe('match');
    // For people: the short figures with their dollars, the exact ones on hover, and no internals while they agree.
    await page.getByTestId('estimate-expected').locator('.credits-usd').waitFor();
    await expect(page.getByTestId('estimate-expected').textContent()).resolves.toBe('0.11 (< $0.01)');
    await expect(page.getByTestId('estimate-max').textContent()).resolves.toBe('0.43 (< $0.01)');
    await expect(page.getByTestId('estimate-max').locator('[title]').getAttribute('title')).resolves.toBe('0.431025 credits = $0.00431025');
    await expect(page.getByTestId('server-check').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('estimator').innerText()).resolves.not.toMatch(/server check|matches/i);
    const api = await estimateCost(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'Hello world' });
    expect([api.expectedCredits, api.maxCredits, String(api.inputTokens)]).toEqual([client.expected, client.max, client.inputTokens]);
    await expect(page.getByTestId('estimate-affordable').getAttribute('data-affordable')).resolves.toBe('true');
    await expect(tokenizerRequests()).resolves.toBe(1);
  });

  it('agrees with the server for an approximately counted model and a chosen output budget', async () => {
    await prompt().fill(ARTICLE);
    await maxTokens().fill('500');
    await pick('google/gemini-2.0-flash');
    const { client, server, state } = await settledEstimates(page, 'google/gemini-2.0-flash');
    expect(state).toBe('match');
    expect(server).toEqual(client);
    const api = await estimateCost(app.server.url, user.token, { model: 'google/gemini-2.0-flash', prompt: ARTICLE, maxTokens: 500 });
    expect(api).toMatchObject({
      model: 'google/gemini-2.0-flash',
      maxOutputTokens: 500,
      expectedCredits: client.expected,
      maxCredits: client.max,
      inputTokens: Number(client.inputTokens),
    });
    await expect(page.getByTestId('client-estimate').getAttribute('data-output-budget')).resolves.toBe('500');
  });

  it('shows what auto picks and why, and prices that model exactly as the server does', async () => {
    const task = 'Implement a Python function that parses a CSV file and returns the rows as dictionaries. Include unit tests.';
    await prompt().fill(task);
    await maxTokens().fill('');
    await pick('auto');
    const recommendation = page.locator('[data-testid="recommendation"]:not([data-model=""])');
    await recommendation.waitFor();
    const chosen = (await recommendation.getAttribute('data-model'))!;
    await expect(recommendation.getAttribute('data-task-type')).resolves.toBe('code');
    await expect(page.getByTestId('recommendation-reasoning').textContent()).resolves.not.toBe('');
    const { client, server, state } = await settledEstimates(page, chosen);
    expect(state).toBe('match');
    expect(server).toEqual(client);
    const api = await estimateCost(app.server.url, user.token, { model: 'auto', prompt: task });
    expect(api).toMatchObject({ model: chosen, expectedCredits: client.expected, maxCredits: client.max });
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('estimator.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('estimator-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it("says plainly when an output budget is over the tier's cap, and the server says the same", async () => {
    await pick('sandbox/echo');
    await maxTokens().fill('4096');
    const problem = page.locator('[data-testid="estimate-problem"][data-code="TIER_LIMIT_EXCEEDED"]');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('Your Free tier allows at most 2048 output tokens per request');
    await expect(problem.textContent()).resolves.not.toContain('TIER_LIMIT_EXCEEDED');
    await page.locator('[data-testid="server-check"][data-code="TIER_LIMIT_EXCEEDED"][data-state="match"]').waitFor({ state: 'attached' });
  });

  it('refuses a premium model on the free tier with MODEL_NOT_ALLOWED, and the server agrees', async () => {
    await maxTokens().fill('');
    await pick('anthropic/claude-3-opus');
    const problem = page.locator('[data-testid="estimate-problem"][data-code="MODEL_NOT_ALLOWED"]');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('Your Free tier does not include anthropic/claude-3-opus');
    await page.locator('[data-testid="server-check"][data-code="MODEL_NOT_ALLOWED"][data-state="match"]').waitFor({ state: 'attached' });
    await app.shot('estimator-not-allowed.png', page, 'view');
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      await pick('openai/gpt-4o-mini');
      await settledEstimates(page, 'openai/gpt-4o-mini');
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await page.getByTestId('client-estimate').scrollIntoViewIfNeeded();
      await app.shot('phone-estimator.png', page, 'view');
      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
      await page.getByTestId('menu-button').click();
      await app.shot('phone-estimator-dark.png', page, 'view');
      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
    });
  });

  it('works as a compact card on the dashboard, with the same figures', async () => {
    await page.goto(app.at('/'));
    const widget = page.getByTestId('estimator-widget');
    await widget.getByTestId('model-picker').selectOption('sandbox/echo');
    await widget.getByTestId('estimator-prompt').fill('Hello world');
    const { client, state } = await settledEstimates(page, 'sandbox/echo');
    expect(client).toEqual({ model: 'sandbox/echo', expected: '0.108465', max: '0.431025', inputTokens: '9' });
    expect(state).toBe('match');
    await widget.scrollIntoViewIfNeeded();
    await app.shot('dashboard-estimator.png', page, 'view');
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
