import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, graphql, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

interface Overage {
  policy: string;
  usedTokens: number;
  overageTokens: number;
  overageCredits: string;
}

/**
 * The usage page's allowance panel (docs/decisions/0020-overage.md): the tier's policy, this month's
 * tokens and, once a credits tier passes its allowance, the overage tokens and credits exactly as the
 * `overage` query has them, refreshed by the balance change a completion publishes.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('the overage panel', () => {
  let app: AppSession;
  let page: Page;
  let user: ApiSession;

  const overage = async () =>
    (await graphql<{ overage: Overage }>(app.server.url, '{ overage { policy usedTokens overageTokens overageCredits } }', {}, user.token)).overage;
  const panel = () => page.getByTestId('overage-panel');

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('overage');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('shows the free tier blocking past its allowance, nothing used yet', async () => {
    await page.goto(app.at('/usage'));
    await page.locator('[data-testid="overage-panel"][data-policy="block"][data-used="0"]').waitFor();
    await expect(page.getByTestId('overage-policy').textContent()).resolves.toMatch(/refused/);
  });

  it('shows the overage tokens and credits of a credits tier past its allowance, as the server has them', async () => {
    const admin = await app.adminApi();
    await graphql(app.server.url, 'mutation { adminUpdateTier(code: "starter", input: { monthlyTokenAllowance: 0, overage: "credits", overageSurchargeBps: 2500 }) { code } }', {}, admin.token);
    await graphql(app.server.url, `mutation { adminSetTier(userId: "${user.userId}", tier: "starter") { id } }`, {}, admin.token);
    const charged = (await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'Past the allowance, charged from credits', maxTokens: 32 })).charged;
    const server = await overage();
    expect(server.policy).toBe('credits');
    expect(server.overageTokens).toBe(server.usedTokens);
    expect(server.overageCredits).toBe(charged);
    // A tier change is not a balance change: reload to read the new policy; the figures must match the server's.
    await page.reload();
    await page.locator(`[data-testid="overage-panel"][data-policy="credits"][data-overage-tokens="${server.overageTokens}"]`).waitFor();
    await expect(panel().getAttribute('data-overage-credits')).resolves.toBe(charged);
    await expect(page.getByTestId('overage-policy').textContent()).resolves.toMatch(/\+ 25%/);
  });
});
