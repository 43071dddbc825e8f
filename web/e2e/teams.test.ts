import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCredits, parseCredits } from '@tollgate/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './support/api';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { creditsMinus } from './support/credits';
import { outboxMailLinks, signInAdminBrowser } from './support/outbox';
import { availableBalance, graphqlAnswer, graphqlAs, grantCredits } from './support/teams';
import { chatCompletion } from './support/v1';

/** Longer than MAX_TOKENS tokens, so sandbox/echo's answer is cut to exactly MAX_TOKENS: every call costs the same. */
const PROMPT = 'A runaway script keeps asking the same question again and again, and every answer is paid from the team pool';
const MAX_TOKENS = 8;
const TEAM = 'Acme Research';
const CALLS_TO_CAP = 3;
const SHOTS_DIR = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));

/**
 * Issue 15 in the browser: A signs up and creates a team; invites B by email; the invitation is read
 * in the admin's Outbox (no SMTP here); B signs up through the link, accepts and acts for the team.
 * A creates a team key capped at three calls' worth of credit per day on the API keys page; the key
 * is spent to its cap through /v1, the next call is refused naming the cap and its reset (and over
 * GraphQL with TIER_LIMIT_EXCEEDED), and the key's meter shows the cap reached. B's playground run
 * lowers the team balance A sees. The ledger audit is clean at the end.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('teams: a shared pool, an invitation by mail, a key spent to its cap', () => {
  let app: AppSession;
  let a: Page;
  let b: Page | undefined;
  let admin: Page | undefined;
  const emailA = `owner-${randomBytes(4).toString('hex')}@example.com`;
  const emailB = `member-${randomBytes(4).toString('hex')}@example.com`;
  let tokenA = '';
  let teamId = '';
  let inviteLink = '';
  let callCost = '';
  let cap = '';
  let keySecret = '';
  /** What B's playground run cost the team. */
  let memberSpent = '';

  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    app = await startAppSession();
    a = app.page;
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(
    () => app,
    () => ({ member: b, admin }),
  );

  /** A full-page picture under web/test-output/screenshots/, for review. */
  const shot = (name: string, of: Page = a) => of.screenshot({ path: join(SHOTS_DIR, name), fullPage: true });
  const acting = (page: Page, account: string) => page.locator(`[data-testid="team-switcher"][data-account="${account}"]`).waitFor();

  /** Opens the account switcher in the top bar (behind the phone's menu when folded) and picks `account`. */
  async function switchTo(page: Page, account: string) {
    const menuButton = page.getByTestId('menu-button');
    if ((await menuButton.isVisible()) && (await menuButton.getAttribute('aria-expanded')) !== 'true') await menuButton.click();
    await page.getByTestId('team-switcher').click();
    await page.locator(`[data-testid="switch-account"][data-account="${account}"]`).click();
    await acting(page, account);
  }

  it('A signs up and measures what one sandbox call costs, on a key of their own', async () => {
    await a.goto(app.at('/sign-up'));
    await app.submitCredentials(emailA, USER_PASSWORD);
    await a.getByTestId('user-email').waitFor();
    tokenA = (await a.evaluate(() => localStorage.getItem('tollgate.token')))!;
    // The cap is set to a whole number of calls, so the meter can be seen exactly full.
    const own = await graphqlAs<{ createApiKey: { secret: string } }>(
      app.server.url,
      tokenA,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'calibration', scopes: ['completions'] } },
    );
    const before = await availableBalance(app.server.url, tokenA);
    const answer = await chatCompletion(app.server.url, own.createApiKey.secret, { model: 'sandbox/echo', content: PROMPT, maxTokens: MAX_TOKENS });
    expect(answer.status).toBe(200);
    callCost = answer.charged!;
    expect(creditsMinus(before, await availableBalance(app.server.url, tokenA))).toBe(callCost);
    expect(parseCredits(callCost)).toBeGreaterThan(0n);
    cap = formatCredits(parseCredits(callCost) * BigInt(CALLS_TO_CAP));
  });

  it('A creates a team in the app and acts for it', async () => {
    // Settings › Teams, where someone in no team yet starts one.
    await app.navLink('Teams', a).click();
    await a.getByTestId('create-team-button').click();
    await a.getByTestId('team-name-input').fill(TEAM);
    await shot('teams-flow-create.png', a);
    await a.getByTestId('create-team-form-submit').click();
    // The new team's members page, acting for it.
    await a.getByTestId('team-members-page').waitFor();
    const switcher = a.locator('[data-testid="team-switcher"]:not([data-account="personal"])');
    await switcher.waitFor();
    teamId = (await switcher.getAttribute('data-account'))!;
    await expect(a.getByTestId('team-switcher').textContent()).resolves.toContain(TEAM);
    const mine = await graphqlAs<{ myTeams: { id: string; name: string; myRole: string }[] }>(app.server.url, tokenA, '{ myTeams { id name myRole } }');
    expect(mine.myTeams).toEqual([{ id: teamId, name: TEAM, myRole: 'OWNER' }]);
    // An empty pool reads as one to fill, with the way to fill it, not as a low balance.
    const banner = a.locator('[data-testid="low-balance-banner"][data-kind="empty-team"]');
    await expect(banner.getByRole('link', { name: 'Buy credits' }).getAttribute('href')).resolves.toBe('/billing');
    await expect(banner.textContent()).resolves.toContain(`${TEAM} has no credits yet.`);
  });

  it('A invites B by email on the members page', async () => {
    await expect(a.getByTestId('team-name').textContent()).resolves.toBe(TEAM);
    await expect(a.getByTestId('my-team-role').textContent()).resolves.toMatch(/owner/i);
    await a.getByTestId('invite-email-input').fill(emailB);
    await a.getByTestId('invite-role-select').selectOption('MEMBER');
    await a.getByTestId('create-invitation').click();
    await a.locator(`[data-testid="invitation-row"][data-email="${emailB}"]`).waitFor();
    await shot('teams-flow-members-invited.png', a);
  });

  it("the invitation mail is in the admin's Outbox, with its link to this server", async () => {
    admin = await signInAdminBrowser(app);
    const links = await outboxMailLinks(app, admin, { to: emailB, kind: 'team_invitation' });
    inviteLink = links.find((link) => /\/invite\/[^/?#]+$/.test(link)) ?? '';
    // B has no account yet: the one link is enough, its page creates the account and comes back.
    expect(new URL(inviteLink).origin).toBe(app.server.url);
    await shot('teams-flow-invitation-mail.png', admin);
  });

  it('B opens the link, creates an account from it, comes back, accepts and acts for the team', async () => {
    b = await app.openSecondBrowser();
    await b.goto(inviteLink);
    await b.getByTestId('invite-signed-out').waitFor();
    await shot('teams-flow-invitation-signed-out.png', b);
    await b.getByTestId('invite-sign-up').click();
    await b.getByTestId('email-input').fill(emailB);
    await b.getByTestId('password-input').fill(USER_PASSWORD);
    await b.getByTestId('submit').click();
    // Back on the invitation, signed in.
    await b.getByTestId('invite-preview').waitFor();
    expect(b.url()).toBe(inviteLink);
    await expect(b.getByTestId('invite-team-name').textContent()).resolves.toBe(TEAM);
    await expect(b.getByTestId('invite-role').textContent()).resolves.toMatch(/member/i);
    await shot('teams-flow-invitation.png', b);
    await b.getByTestId('accept-invitation').click();
    // Accepting acts for the team at once; the switcher says so, and lists it.
    await b.getByTestId('team-members-page').waitFor();
    await acting(b, teamId);
    await expect(b.getByTestId('my-team-role').textContent()).resolves.toMatch(/member/i);
    await switchTo(b, 'personal');
    await switchTo(b, teamId);
    await expect(b.getByTestId('team-switcher').textContent()).resolves.toContain(TEAM);
  });

  it('A sees B among the members', async () => {
    await a.reload();
    await a.locator(`[data-testid="member-row"][data-email="${emailB}"][data-role="MEMBER"]`).waitFor();
    await expect(a.locator(`[data-testid="invitation-row"][data-email="${emailB}"]`).count()).resolves.toBe(0);
    await shot('teams-flow-members.png', a);
  });

  it('A creates a team key with a daily cap on the API keys page, and the team has credit', async () => {
    const { token: adminToken } = await app.adminApi();
    await grantCredits(app.server.url, adminToken, teamId, '5');
    await app.navLink('API keys', a).click();
    const form = a.getByTestId('create-api-key-form');
    await form.getByTestId('name-input').fill('nightly batch');
    await form.getByTestId('key-cap-amount').fill(cap);
    await form.getByTestId('key-cap-period').selectOption('DAY');
    await form.getByTestId('create-api-key').click();
    keySecret = await a.getByTestId('api-key-secret').inputValue();
    await a.getByTestId('dismiss-secret').click();
    const meter = a.getByTestId('api-key-row').filter({ hasText: 'nightly batch' }).getByTestId('key-cap-meter');
    await expect(meter.getAttribute('data-limit')).resolves.toBe(cap);
    await expect(meter.getAttribute('data-spent')).resolves.toBe('0.000000');
  });

  it('the key spends to its cap through /v1, and the next call is refused naming the cap and its reset', async () => {
    const teamBefore = await availableBalance(app.server.url, tokenA, teamId);
    for (let i = 0; i < CALLS_TO_CAP; i += 1) {
      const answer = await chatCompletion(app.server.url, keySecret, { model: 'sandbox/echo', content: PROMPT, maxTokens: MAX_TOKENS });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.charged).toBe(callCost);
    }
    // Paid from the team's pool, not from A's own account.
    expect(creditsMinus(teamBefore, await availableBalance(app.server.url, tokenA, teamId))).toBe(cap);

    const refused = await chatCompletion(app.server.url, keySecret, { model: 'sandbox/echo', content: PROMPT, maxTokens: MAX_TOKENS });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('tier_limit_exceeded');
    expect(refused.body.error?.message).toMatch(/spend cap/i);
    expect(refused.body.error?.message).toMatch(/per day/);
    expectNextUtcMidnight(/\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(refused.body.error?.message ?? '')?.[0]);
  });

  it('GraphQL refuses the key the same way: TIER_LIMIT_EXCEEDED with the cap, its spend and its reset', async () => {
    const answer = await graphqlAnswer(app.server.url, keySecret, 'mutation($input: CompletionInput!) { complete(input: $input) { charged } }', {
      input: { model: 'sandbox/echo', prompt: PROMPT, maxTokens: MAX_TOKENS },
    });
    const error = answer.errors?.[0];
    expect(error?.extensions?.code).toBe('TIER_LIMIT_EXCEEDED');
    expect(error?.extensions).toMatchObject({
      limit: 'spend_cap',
      capScope: 'key',
      capMicro: String(parseCredits(cap)),
      period: 'day',
      spentMicro: String(parseCredits(cap)),
    });
    expectNextUtcMidnight(String(error?.extensions?.resetsAt));
  });

  it("the key's row shows its meter full on the API keys page", async () => {
    await a.reload();
    const meter = a.getByTestId('api-key-row').filter({ hasText: 'nightly batch' }).getByTestId('key-cap-meter');
    await a.locator('[data-testid="key-cap-meter"][data-full="true"]').waitFor();
    await expect(meter.getAttribute('data-spent')).resolves.toBe(cap);
    await expect(meter.getByTestId('cap-reached').isVisible()).resolves.toBe(true);
    await shot('teams-flow-key-cap-reached.png', a);
  });

  it("B's run in the playground is paid from the pool: the team balance A sees drops by its charge", async () => {
    const page = b!;
    await a.goto(app.at('/'));
    const shown = await a.locator('[data-testid="balance-widget"]').getAttribute('data-available');
    expect(shown).toBe(await availableBalance(app.server.url, tokenA, teamId));

    await page.goto(app.at('/playground'));
    await page.getByTestId('model-picker').selectOption('sandbox/echo');
    await page.getByTestId('estimator-prompt').fill('Paid by the team');
    await page.getByTestId('playground-run-button').click();
    await page.locator('[data-testid="playground-run"][data-status="done"]').waitFor();
    const charged = (await page.getByTestId('playground-charged').locator('[data-exact]').getAttribute('data-exact')) ?? '';
    expect(parseCredits(charged)).toBeGreaterThan(0n);
    memberSpent = charged;
    // Live in A's top bar, without a reload.
    await a.locator(`[data-testid="balance-widget"][data-available="${creditsMinus(shown!, charged)}"]`).waitFor();
    // B's own account was not touched: the sign-up credit is whole.
    const own = await graphql<{ creditBalance: { available: string } }>(app.server.url, '{ creditBalance { available } }', {}, await bToken());
    expect(own.creditBalance.available).toBe('10.000000');
    await shot('teams-flow-balance-after-member-run.png', a);
  });

  it("A caps B at what B spent today: the members page shows it reached, and B's next playground run is refused", async () => {
    const page = b!;
    await a.goto(app.at('/team/members'));
    const row = a.locator(`[data-testid="member-row"][data-email="${emailB}"]`);
    await row.getByTestId('edit-member-cap').click();
    await a.getByTestId('cap-limit-input').fill(memberSpent);
    await a.getByTestId('cap-period-select').selectOption('DAY');
    await a.getByTestId('cap-save').click();
    const cap = row.locator(`[data-testid="member-cap"][data-cap="${memberSpent}"]`);
    await cap.waitFor();
    await expect(cap.getAttribute('data-spent')).resolves.toBe(memberSpent);
    await shot('teams-flow-member-cap.png', a);

    const before = await availableBalance(app.server.url, tokenA, teamId);
    await page.getByTestId('estimator-prompt').fill('One more, please');
    await page.getByTestId('playground-run-button').click();
    const failed = page.locator('[data-testid="playground-run"][data-status="failed"]');
    await failed.waitFor();
    // In words, naming the cap and when it resets; nothing was charged.
    await expect(failed.textContent()).resolves.toMatch(/spend cap/i);
    await expect(failed.textContent()).resolves.toMatch(/per day/i);
    // A tier does not lift a cap: no tier link; the reset in words, not an ISO instant; who can raise it.
    await expect(failed.textContent()).resolves.toMatch(/an owner or admin of the team can raise it/i);
    await expect(failed.textContent()).resolves.not.toMatch(/\d{4}-\d\d-\d\dT/);
    await expect(failed.getByTestId('problem-action').count()).resolves.toBe(0);
    expect(await availableBalance(app.server.url, tokenA, teamId)).toBe(before);
    await shot('teams-flow-member-cap-refused.png', page);
  });

  it('B, a plain member, is told up front on each billing screen that only an owner or admin can; the controls are there, disabled', async () => {
    const page = b!;
    const notice = `Only an owner or admin of ${TEAM} can buy credits or change billing for the team.`;
    const told = async (path: string) => {
      await page.goto(app.at(path));
      await page.getByTestId('manager-only-notice').waitFor();
      await expect(page.getByTestId('manager-only-notice').allTextContents()).resolves.toEqual([notice]);
    };
    await told('/billing');
    const buy = page.getByTestId('credit-package').first().getByRole('button');
    await expect(buy.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('auto-recharge-save').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('auto-recharge-enabled').isDisabled()).resolves.toBe(true);
    // The packages on offer stay readable.
    await expect(page.getByRole('heading', { name: 'Buy credits' }).isVisible()).resolves.toBe(true);
    await shot('teams-flow-member-billing.png', page);
    await told('/tiers');
    await expect(page.getByTestId('credit-package').first().getByRole('button').isDisabled()).resolves.toBe(true);
    await told('/promotions');
    await expect(page.getByTestId('redeem-form').getByRole('textbox').isDisabled()).resolves.toBe(true);
    await told('/provider-keys');
    // The balance banner offers a member no threshold to change.
    await expect(page.getByRole('link', { name: 'Change the threshold' }).count()).resolves.toBe(0);
  });

  it('the ledger audit is clean, and no page raised an error', async () => {
    await app.openInConsole('Ledger audit', admin!);
    await admin!.getByTestId('audit-clean').waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  async function bToken(): Promise<string> {
    return (await b!.evaluate(() => localStorage.getItem('tollgate.token')))!;
  }
});

/** A daily cap resets at the start of the next UTC day: a midnight, less than a day from now. */
function expectNextUtcMidnight(iso: string | undefined) {
  const at = new Date(iso ?? '');
  expect(at.toISOString().slice(11)).toBe('00:00:00.000Z');
  expect(at.getTime()).toBeGreaterThan(Date.now());
  expect(at.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
}
