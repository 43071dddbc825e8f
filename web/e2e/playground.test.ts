import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsMinus } from './support/credits';
import { settledEstimates } from './support/estimates';

const PROMPT = 'Tollgate streams this sentence back one word at a time';

/**
 * A free-tier user runs sandbox/echo in the playground: the cost is previewed as the server would
 * estimate it, the answer streams in piece by piece over graphql-ws, and the top-bar balance drops
 * by exactly the charge the page shows. The sandbox pauses between words so streaming is visible.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the playground', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;

  const widgetAvailable = () => page.getByTestId('balance-widget').getAttribute('data-available');
  const waitForAvailable = (amount: string) => page.locator(`[data-testid="balance-widget"][data-available="${amount}"]`).waitFor();
  const runStatus = (status: string) => page.locator(`[data-testid="playground-run"][data-status="${status}"]`);
  const result = () => page.getByTestId('playground-result');
  /** Records every distinct text the answer box shows, to tell a stream from a single delivery. */
  const recordOutput = () =>
    page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { outputSeen: seen });
      const observer = new MutationObserver(() => {
        const text = document.querySelector('[data-testid="playground-output"]')?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  const outputSeen = () => page.evaluate(() => (window as unknown as { outputSeen: string[] }).outputSeen);

  beforeAll(async () => {
    app = await startAppSession({ env: { SANDBOX_STREAM_DELAY_MS: '120' } });
    page = app.page;
    user = await app.signInNewUser('playground');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('offers auto and the models of the tier, and lists the others without letting them be picked', async () => {
    await page.goto(app.at('/'));
    await app.navLink('Playground').click();
    await page.getByTestId('playground-form').waitFor();
    const picker = page.getByTestId('model-picker');
    await expect(picker.inputValue()).resolves.toBe('auto');
    await expect(picker.locator('option[value="sandbox/echo"]').isDisabled()).resolves.toBe(false);
    await expect(picker.locator('option[value="anthropic/claude-3-opus"]').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('playground-idle').isVisible()).resolves.toBe(true);
  });

  it("previews the cost with the shared pricing code, to the micro-credit of the server's estimate", async () => {
    await page.getByTestId('model-picker').selectOption('sandbox/echo');
    await page.getByTestId('estimator-prompt').fill(PROMPT);
    await page.getByTestId('estimator-max-tokens').fill('64');
    const { client, server, state } = await settledEstimates(page, 'sandbox/echo');
    expect(state).toBe('match');
    expect(server).toEqual(client);
  });

  it('streams a sandbox/echo answer, and the balance widget drops by exactly the charge shown', async () => {
    const before = (await widgetAvailable())!;
    expect(before).toBe('10.000000');
    await recordOutput();
    await page.getByTestId('playground-run-button').click();
    await runStatus('streaming').waitFor();
    await runStatus('done').waitFor();

    await expect(page.getByTestId('playground-output').textContent()).resolves.toBe(PROMPT);
    // More than one partial text on the way: the words arrived separately, not in one piece.
    const seen = await outputSeen();
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((text) => PROMPT.startsWith(text))).toBe(true);

    await expect(result().getAttribute('data-model')).resolves.toBe('sandbox/echo');
    await expect(result().getAttribute('data-provider')).resolves.toBe('sandbox');
    await expect(result().getAttribute('data-cached')).resolves.toBe('false');
    await expect(result().getAttribute('data-fallback-from')).resolves.toBe('');
    const charged = (await result().getAttribute('data-charged'))!;
    expect(charged).toMatch(/^\d+\.\d{6}$/);
    expect(charged).not.toBe('0.000000');

    await waitForAvailable(creditsMinus(before, charged));
    const api = await graphql<{ creditBalance: { available: string; held: string } }>(app.server.url, '{ creditBalance { available held } }', {}, user.token);
    expect(api.creditBalance).toEqual({ available: creditsMinus(before, charged), held: '0.000000' });
    await app.shot('playground.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('playground-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('answers the same prompt again from the cache, free, and the balance stays put', async () => {
    const before = (await widgetAvailable())!;
    await page.getByTestId('playground-run-button').click();
    await runStatus('done').waitFor();
    await expect(result().getAttribute('data-cached')).resolves.toBe('true');
    await expect(result().getAttribute('data-charged')).resolves.toBe('0.000000');
    await expect(page.getByTestId('playground-cached').textContent()).resolves.toBe('Answered from the cache');
    await expect(widgetAvailable()).resolves.toBe(before);
  });

  it('stops a run midway, keeping what arrived, and the balance settles below where it started', async () => {
    const before = (await widgetAvailable())!;
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    await page.getByTestId('estimator-prompt').fill(long);
    await page.getByTestId('estimator-max-tokens').fill('');
    await page.getByTestId('playground-run-button').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="playground-output"]')?.textContent ?? '').split(' ').length >= 3);
    await page.getByTestId('playground-stop').click();
    await runStatus('stopped').waitFor();
    const kept = (await page.getByTestId('playground-output').textContent())!;
    expect(long.startsWith(kept)).toBe(true);
    expect(kept.length).toBeLessThan(long.length);
    // Charged for what was produced: less than before, and nothing left on hold.
    await expect
      .poll(async () => (await graphql<{ creditBalance: { held: string } }>(app.server.url, '{ creditBalance { held } }', {}, user.token)).creditBalance.held)
      .toBe('0.000000');
    const after = (await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, user.token)).creditBalance.available;
    expect(creditsMinus(before, after)).not.toMatch(/^-|^0\.000000$/);
    await waitForAvailable(after);
  });

  it("shows the server's refusal in words when the output budget is over the tier's cap", async () => {
    await page.getByTestId('estimator-prompt').fill('Hello');
    await page.getByTestId('estimator-max-tokens').fill('4096');
    await page.getByTestId('playground-run-button').click();
    await runStatus('failed').waitFor();
    await expect(page.getByTestId('playground-error').textContent()).resolves.toMatch(/Free tier allows at most 2048 output tokens/);
  });

  it('fits a phone screen', async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-playground.png', page, 'view');
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
