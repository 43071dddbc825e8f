import { periodReset } from '@tollgate/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, signUp } from './support/api';
import { reportFailures, startAppSession, USER_PASSWORD, type AppSession } from './support/app-session';

/**
 * Keys with limits, from the API keys screen: a spend cap and its meter, spending with the key over
 * /v1 until the cap refuses, the meter full with its reset; a team's key, usage by member and
 * history by member and key while acting for the team; the console's Teams list.
 */

const MODEL = 'sandbox/echo';
// A long prompt: the echo model answers it back, so each call spends a visible share of the cap.
const LONG_PROMPT = 'Count the tolls on the road to the coast. '.repeat(50);

interface V1Answer {
  status: number;
  body: { error?: { message: string; code: string | null } };
}

/** POST /v1/chat/completions with the key, skipping the response cache so each call is charged. */
async function chat(baseUrl: string, key: string, content: string, maxTokens: number): Promise<V1Answer> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'cache-control': 'no-cache' },
    body: JSON.stringify({ model: MODEL, max_tokens: maxTokens, messages: [{ role: 'user', content }] }),
  });
  return { status: response.status, body: (await response.json()) as V1Answer['body'] };
}

/** Calls until the key's cap refuses one (at most `limit` calls); the refusal. */
async function spendUntilRefused(baseUrl: string, key: string, content: string, maxTokens: number, limit = 60): Promise<V1Answer> {
  for (let i = 0; i < limit; i++) {
    const answer = await chat(baseUrl, key, `${i} ${content}`, maxTokens);
    if (answer.status !== 200) return answer;
  }
  throw new Error(`the cap never refused a call in ${limit} calls`);
}

/** Fills the create form (name, a cap per day, only the sandbox model) and returns the secret shown once. */
async function createCappedKey(page: Page, name: string, cap: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Create a key' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Spend cap (credits)').fill(cap);
  await form.getByLabel('Cap period').selectOption('DAY');
  await form.getByLabel('Only some models').check();
  await form.getByRole('checkbox', { name: MODEL }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByRole('textbox', { name: 'API key secret', exact: true }).inputValue();
  await page.getByTestId('dismiss-secret').click();
  return secret;
}

describe('keys with limits', () => {
  let app: AppSession;
  let page: Page;
  let user: { token: string; userId: string; email: string };
  let team: { id: string; name: string };
  let cappedSecret: string;
  reportFailures(() => app);

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    user = await app.signInNewUser('keys');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  const keyRow = (name: string) => page.locator(`[data-testid="api-key-row"][data-key-name="${name}"]`);

  it('creates a key with a cap, spends with it until the cap refuses, and shows the meter full with its reset', async () => {
    await page.goto(app.at('/api-keys'));
    const secret = (cappedSecret = await createCappedKey(page, 'capped script', '1'));
    const meter = keyRow('capped script').getByTestId('key-cap-meter');
    await expect(meter.getAttribute('data-spent')).resolves.toBe('0.000000');
    await expect(meter.getAttribute('data-limit')).resolves.toBe('1.000000');
    await expect(keyRow('capped script').getByTestId('key-models-summary').textContent()).resolves.toBe(`Only ${MODEL}`);

    // Big calls until one would pass the cap, then the smallest until even that would: the cap is spent to its last crumb.
    const big = await spendUntilRefused(app.server.url, secret, LONG_PROMPT, 600);
    expect(big.status).toBe(403);
    expect(big.body.error?.code).toBe('tier_limit_exceeded');
    expect(big.body.error?.message).toMatch(/spend cap of 1\.00 credits per day(;| is reached;) .*resets at/);
    await spendUntilRefused(app.server.url, secret, LONG_PROMPT.slice(0, 300), 40, 100);
    await spendUntilRefused(app.server.url, secret, 'hi', 1, 200);

    await page.reload();
    const spent = Number(await meter.getAttribute('data-spent'));
    expect(spent).toBeGreaterThan(0.95);
    expect(spent).toBeLessThanOrEqual(1);
    await expect(meter.locator('meter').evaluate((m: HTMLMeterElement) => m.value)).resolves.toBeGreaterThan(0.95);
    // Resets at the next UTC midnight (a daily cap), told both ways.
    const resets = meter.getByTestId('cap-resets');
    const resetsAt = await resets.getAttribute('datetime');
    expect(new Date(resetsAt!).getTime()).toBe(periodReset('day', new Date(new Date(resetsAt!).getTime() - 1)).getTime());
    expect(new Date(resetsAt!).getUTCHours()).toBe(0);
    await expect(resets.textContent()).resolves.toMatch(/^resets in \d+ (hour|minute|second)/);
    await app.shot('screenshots/team-keys-meter-full.png');
  });

  it('changes a key’s limits: a higher cap lets it spend again', async () => {
    await keyRow('capped script').getByRole('button', { name: 'Edit limits of capped script' }).click();
    const dialog = page.getByTestId('edit-key-limits-dialog');
    await expect(dialog.getByLabel('Spend cap (credits)').inputValue()).resolves.toBe('1');
    await dialog.getByLabel('Spend cap (credits)').fill('5');
    await dialog.getByRole('button', { name: 'Save limits' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(keyRow('capped script').getByTestId('key-cap-meter').getAttribute('data-limit')).resolves.toBe('5.000000');
    expect((await chat(app.server.url, cappedSecret, 'once more', 16)).status).toBe(200);
  });

  it('acting for a team: the team’s key shows its owner, usage by member and the history by member and key', async () => {
    team = (
      await graphql<{ createTeam: { id: string; name: string } }>(
        app.server.url,
        'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name } }',
        { input: { name: `Toll crew ${user.userId.slice(0, 6)}` } },
        user.token,
      )
    ).createTeam;
    const admin = await app.adminApi();
    await graphql(
      app.server.url,
      'mutation($input: AdminCreditInput!) { adminGrantCredits(input: $input) { id } }',
      { input: { userId: team.id, amount: '20', reason: 'e2e: the team pool', idempotencyKey: crypto.randomUUID() } },
      admin.token,
    );
    // The switcher's stored choice (the SPA's own key), so this test needs no switcher clicks.
    await page.evaluate(([person, chosen]) => localStorage.setItem(`tollgate.account.${person}`, chosen), [user.userId, JSON.stringify(team)] as const);
    await page.goto(app.at('/api-keys'));
    await page.getByRole('heading', { name: `Keys of ${team.name}` }).waitFor();
    await expect(page.getByTestId('api-key-row').count()).resolves.toBe(0);
    await expect(page.getByTestId('create-key-team-note').textContent()).resolves.toContain(team.name);

    const secret = await createCappedKey(page, 'team bot', '2');
    await expect(keyRow('team bot').getByTestId('api-key-owner').textContent()).resolves.toBe(user.email);
    expect((await chat(app.server.url, secret, 'hello team', 16)).status).toBe(200);

    await page.goto(app.at('/usage'));
    const mine = page.locator(`[data-testid="member-usage-row"][data-member="${user.email}"]`);
    await expect(mine.getAttribute('data-requests')).resolves.toBe('1');
    await page.getByTestId('chart-spend-by-member').waitFor();

    await page.goto(app.at('/transactions'));
    await page.getByTestId('filter-member').selectOption({ label: user.email });
    const usageRow = page.locator('[data-testid="transaction-row"][data-type="USAGE"]');
    await expect(usageRow.getByTestId('transaction-member').textContent()).resolves.toBe(user.email);
    await expect(usageRow.getByTestId('transaction-key').textContent()).resolves.toBe('team bot');
    await app.shot('screenshots/team-keys-history.png');
  });

  it('lists the team in the console, beside the users', async () => {
    const adminPage = await app.openSecondBrowser();
    await adminPage.goto(app.at('/sign-in'));
    await adminPage.getByTestId('email-input').fill(app.server.admin.email);
    await adminPage.getByTestId('password-input').fill(app.server.admin.password);
    await adminPage.getByTestId('submit').click();
    await app.openInConsole('Teams', adminPage);
    await adminPage.getByLabel('Name, billing email or team id').fill(team.name);
    const row = adminPage.locator(`[data-testid="team-row"][data-id="${team.id}"]`);
    await expect(row.getByTestId('team-owner').textContent()).resolves.toBe(user.email);
    await expect(row.getByTestId('team-members').textContent()).resolves.toBe('1');
    await expect(row.getByTestId('team-balance').getAttribute('title')).resolves.toMatch(/^19\.9\d+$/);
    await app.shot('screenshots/team-keys-console-teams.png', adminPage);
    // A team is an account: its name opens the console's account page, with its money.
    await row.getByTestId('team-link').click();
    await expect(adminPage.getByTestId('admin-user-page').getAttribute('data-user-id')).resolves.toBe(team.id);
  });

  it('a plain member sees only their own keys, usage and history, and no way to change limits', async () => {
    const { inviteTeamMember } = await graphql<{ inviteTeamMember: { link: string } }>(
      app.server.url,
      'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { link } }',
      { input: { teamId: team.id, role: 'MEMBER' } },
      user.token,
    );
    const memberEmail = `member-${user.userId.slice(0, 8)}@example.com`;
    const member = await signUp(app.server.url, memberEmail, USER_PASSWORD);
    const inviteToken = decodeURIComponent(new URL(inviteTeamMember.link).pathname.split('/').pop()!);
    await graphql(app.server.url, 'mutation($t: String!) { acceptTeamInvitation(token: $t) { id } }', { t: inviteToken }, member.token);

    const memberPage = await app.openSecondBrowser();
    await memberPage.goto(app.at('/sign-in'));
    await memberPage.evaluate(
      ([token, person, chosen]) => {
        localStorage.setItem('tollgate.token', token);
        localStorage.setItem(`tollgate.account.${person}`, chosen);
      },
      [member.token, member.userId, JSON.stringify(team)] as const,
    );
    await memberPage.goto(app.at('/api-keys'));
    await memberPage.getByRole('heading', { name: `Your keys on ${team.name}` }).waitFor();
    await expect(memberPage.getByTestId('key-limits-member-note').textContent()).resolves.toMatch(/after that, only a team owner or admin can change them/);
    await memberPage.getByRole('form', { name: 'Create a key' }).getByLabel('Name', { exact: true }).fill('my laptop');
    await memberPage.getByRole('button', { name: 'Create key' }).click();
    await memberPage.getByTestId('dismiss-secret').click();
    // Their own key only (not the owner's "team bot"), which they may revoke but not re-limit.
    const rows = memberPage.getByTestId('api-key-row');
    await expect(rows.getAttribute('data-key-name')).resolves.toBe('my laptop');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.getByRole('button', { name: 'Revoke my laptop' }).count()).resolves.toBe(1);
    await expect(rows.getByRole('button', { name: /Edit limits/ }).count()).resolves.toBe(0);
    await app.shot('screenshots/team-keys-member.png', memberPage);

    await memberPage.goto(app.at('/usage'));
    await memberPage.getByRole('heading', { name: `Your usage on ${team.name}` }).waitFor();
    await expect(memberPage.locator(`[data-testid="member-usage-row"][data-member="${user.email}"]`).count()).resolves.toBe(0);
    await expect(memberPage.getByTestId('chart-spend-by-member').count()).resolves.toBe(0);

    await memberPage.goto(app.at('/transactions'));
    await memberPage.getByTestId('transactions-total').waitFor();
    await expect(memberPage.getByTestId('filter-member').count()).resolves.toBe(0);
    await expect(memberPage.locator('[data-testid="transaction-row"][data-type="USAGE"]').count()).resolves.toBe(0);
  });

  it('reported no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
