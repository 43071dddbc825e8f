import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, graphql, signUp, type ApiSession } from './support/api';
import { type AppSession, startAppSession, reportFailures, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsMinus, creditsPlus } from './support/credits';
import { parseCsv } from './support/csv';

/** A GraphQL call whose refusal is the point: the first error's code, or null when it answered. */
async function refusalCode(baseUrl: string, query: string, token: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? null;
}

/**
 * The admin's user management, end to end: a user with some usage is found by email, one of their
 * charges is refunded from the list (the balance rises by exactly that charge), their tier is
 * changed, they are suspended (their token is refused) and reactivated; the audit log shows each
 * action with its before and after. The plain user's navigation has no admin links.
 */
describe.skipIf(SKIP_BROWSER_TESTS)("the admin's user management", () => {
  let app: AppSession;
  let page: Page;
  let userPage: Page | undefined;
  let user: ApiSession & { email: string };
  let admin: ApiSession;
  const charges: string[] = [];
  let refunded = '';
  let fromTier = '';
  let toTier = '';

  const balance = () => page.getByTestId('user-balance').getAttribute('data-balance');
  const waitForBalance = (value: string) => page.locator(`[data-testid="user-balance"][data-balance="${value}"]`).waitFor();
  const apiUser = async () =>
    (await graphql<{ adminUser: { balance: string; tierCode: string; suspendedAt: string | null } }>(
      app.server.url,
      'query($id: ID!) { adminUser(id: $id) { balance tierCode suspendedAt } }',
      { id: user.userId },
      admin.token,
    )).adminUser;
  const consoleLink = (name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const email = `managed-${Date.now()}@example.com`;
    user = { ...(await signUp(app.server.url, email, USER_PASSWORD)), email };
    // Different prompts: no cache hit, so each call is a USAGE charge of its own.
    for (const prompt of ['First prompt to be charged', 'Second, longer prompt to be charged for', 'Third and last prompt']) {
      charges.push((await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt, maxTokens: 32 })).charged);
    }
    admin = await app.adminApi();
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app, () => ({ user: userPage }));

  it("shows the plain user a navigation without the console's links", async () => {
    userPage = await app.openSecondBrowser();
    await userPage.goto(app.at('/sign-in'));
    await userPage.evaluate((token) => localStorage.setItem('tollgate.token', token), user.token);
    await userPage.goto(app.at('/'));
    await userPage.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect(userPage.locator('a[href^="/admin"]').count()).resolves.toBe(0);
    await expect(userPage.getByTestId('console-link').count()).resolves.toBe(0);
  });

  it('finds the user by email and opens their page with the balance and transactions', async () => {
    await app.signInAdmin();
    await page.getByTestId('console').waitFor();
    await consoleLink('Users').click();
    await page.getByTestId('user-search').fill(user.email.slice(0, 12));
    const row = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
    // The search is debounced: the unfiltered first page shows until it settles on this one user.
    await page.getByText('1–1 of 1 users').waitFor();
    await expect(page.getByTestId('user-row').count()).resolves.toBe(1);
    // A whole id finds the same user.
    await page.getByTestId('user-search').fill(admin.userId);
    await page.locator(`[data-testid="user-row"][data-id="${admin.userId}"]`).waitFor();
    await page.getByTestId('user-search').fill(user.userId);
    await page.locator(`[data-testid="user-row"][data-id="${user.userId}"]`).waitFor();
    await page.getByText('1–1 of 1 users').waitFor();
    await row.getByTestId('user-link').click();

    await page.getByTestId('admin-user-page').waitFor();
    await expect(page.getByTestId('user-email-heading').textContent()).resolves.toBe(user.email);
    const server = await apiUser();
    await waitForBalance(server.balance);
    const usage = page.locator('[data-testid="transaction-row"][data-type="USAGE"]');
    await usage.nth(2).waitFor();
    await expect(usage.count()).resolves.toBe(3);
    // Newest first: the last call's charge on top.
    const amounts = await usage.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-amount')));
    expect(amounts).toEqual([...charges].reverse().map((charge) => creditsMinus('0', charge)));
    // The usage chart: 30 UTC days, the calls' charges to the micro-credit.
    const chart = page.getByTestId('chart-spend-by-day');
    await expect(chart.getAttribute('data-days')).resolves.toBe('30');
    await expect(chart.getAttribute('data-total')).resolves.toBe(creditsPlus(...charges));
    await expect(page.getByTestId('user-usage-chart').getAttribute('data-requests')).resolves.toBe('3');
    await app.shot('admin-user.png');
  });

  it('refunds a charge picked from the list: the balance rises by exactly that charge', async () => {
    const before = (await balance())!;
    refunded = charges[1]!;
    const spendId = (await page.locator('[data-testid="transaction-row"][data-type="USAGE"]').nth(1).getAttribute('data-id'))!;
    const row = page.locator(`[data-testid="transaction-row"][data-id="${spendId}"]`);
    await expect(row.getAttribute('data-refundable')).resolves.toBe(refunded);
    await row.getByTestId('refund-action').click();
    await page.getByTestId('refund-dialog').waitFor();
    // The reason is required: reviewing without one stays on the form.
    await page.getByTestId('refund-review').click();
    await page.getByTestId('reason-error').waitFor();
    await page.getByTestId('reason-input').fill('Answer was cut short');
    await page.getByTestId('refund-review').click();
    await page.getByTestId('refund-confirm').click();
    await page.getByTestId('user-notice').waitFor();

    const expected = creditsPlus(before, refunded);
    await waitForBalance(expected);
    await expect(apiUser()).resolves.toMatchObject({ balance: expected });
    await page.locator('[data-testid="transaction-row"][data-type="REFUND"]').waitFor();
    await expect(page.locator('[data-testid="transaction-row"][data-type="REFUND"]').first().getAttribute('data-amount')).resolves.toBe(refunded);
    // Refunded in full: the row offers no second refund.
    await row.getByTestId('refunded-badge').waitFor();
    await expect(row.getByTestId('refund-action').count()).resolves.toBe(0);
  });

  it("grants credit with the accounts page's dialog: the balance rises by the amount", async () => {
    const before = (await balance())!;
    await page.getByTestId('user-action-grant').click();
    await page.getByTestId('amount-input').fill('1.5');
    await page.getByTestId('reason-input').fill('Goodwill');
    await page.getByTestId('credit-action-review').click();
    await page.getByTestId('credit-action-confirm').click();
    await waitForBalance(creditsPlus(before, '1.500000'));
    await page.locator('[data-testid="transaction-row"][data-type="ADMIN_GRANT"]').waitFor();
  });

  it("changes the user's tier to the next one", async () => {
    const { tiers } = await graphql<{ tiers: { code: string }[] }>(app.server.url, '{ tiers { code } }', {}, admin.token);
    fromTier = (await apiUser()).tierCode;
    const index = tiers.findIndex((tier) => tier.code === fromTier);
    toTier = tiers[(index + 1) % tiers.length]!.code;
    expect(toTier).not.toBe(fromTier);

    await page.getByTestId('user-action-tier').click();
    await page.getByTestId('tier-select').selectOption(toTier);
    await page.getByTestId('tier-review').click();
    await page.getByTestId('tier-confirm').click();
    await page.locator(`[data-testid="user-tier"][data-tier="${toTier}"]`).waitFor();
    await expect(apiUser()).resolves.toMatchObject({ tierCode: toTier });
  });

  it('suspends the user (their token is refused), then reactivates them', async () => {
    await page.getByTestId('user-action-suspend').click();
    await page.getByTestId('reason-input').fill('Chargeback under review');
    await page.getByTestId('suspend-review').click();
    await page.getByTestId('suspend-confirm').click();
    await page.locator('[data-testid="user-status"][data-suspended="true"]').waitFor();
    await expect(page.getByTestId('user-suspended-reason').textContent()).resolves.toContain('Chargeback under review');
    await expect(refusalCode(app.server.url, '{ me { id } }', user.token)).resolves.toBe('FORBIDDEN');

    await page.getByTestId('user-action-reactivate').click();
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-testid="user-status"][data-suspended="false"]').waitFor();
    await expect(refusalCode(app.server.url, '{ me { id } }', user.token)).resolves.toBeNull();
  });

  it('lists those actions in the audit log, each with its state before and after', async () => {
    await consoleLink('Audit log').click();
    await page.getByTestId('audit-filter-targetId').fill(user.userId);
    const row = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
    for (const action of ['adminGrantCredits', 'adminSetTier', 'adminSuspendUser', 'adminReactivateUser']) await row(action).first().waitFor();
    // Newest first.
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.indexOf('adminReactivateUser')).toBeLessThan(actions.indexOf('adminSuspendUser'));
    expect(actions.indexOf('adminSuspendUser')).toBeLessThan(actions.indexOf('adminSetTier'));

    await row('adminSetTier').first().getByTestId('audit-toggle').click();
    const details = page.getByTestId('audit-details');
    await expect(details.getByTestId('audit-before').textContent()).resolves.toContain(fromTier);
    await expect(details.getByTestId('audit-after').textContent()).resolves.toContain(toTier);

    // The refund is an action of this admin's too (its target may be the user or the spend).
    await page.getByTestId('audit-filter-targetId').fill('');
    await page.getByTestId('audit-filter-actorId').fill(admin.userId);
    await row('adminRefundCredits').first().waitFor();
    await app.shot('admin-audit-log.png');

    // The export: the rows on show, exact values, the JSON kept whole.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
    const [header, ...lines] = parseCsv(await readFile((await download.path())!, 'utf8'));
    const column = (name: string) => header!.indexOf(name);
    expect(lines.map((line) => line[column('action')])).toEqual(['adminReactivateUser', 'adminSuspendUser', 'adminSetTier', 'adminGrantCredits', 'adminRefundCredits']);
    const tierLine = lines.find((line) => line[column('action')] === 'adminSetTier')!;
    expect(JSON.parse(tierLine[column('before')]!)).toMatchObject({ tier_code: fromTier });
    expect(tierLine[column('target_id')]).toBe(user.userId);
  });

  it("fits the user's page and the audit log on a phone screen", async () => {
    await app.onPhone(async () => {
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-admin-audit-log.png', page, 'view');
      await page.goto(app.at(`/admin/users/${user.userId}`));
      await page.getByTestId('user-balance').waitFor();
      await page.getByTestId('user-usage-chart').waitFor();
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('phone-admin-user.png', page, 'full');
    });
  });

  it('says so when there is no user with the id in the address', async () => {
    await page.goto(app.at('/admin/users/00000000-0000-4000-8000-000000000000'));
    await expect(page.getByTestId('user-error').textContent()).resolves.toContain('no user with this id');
  });

  it('raised no uncaught errors in the pages along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
