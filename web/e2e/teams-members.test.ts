import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';

/**
 * A team's members in the browser: the owner creates a team (and acts for it), switches to the
 * personal account and back with the switcher, invites by link; a second person opens the link
 * signed out, creates an account, comes back to it and accepts (acting for the team, a member
 * who sees the list read-only). The owner sets the member's spend cap, makes them an admin, then
 * removes them; the removed person's next page load falls back to their personal account and says why.
 */
describe.skipIf(SKIP_BROWSER_TESTS)('team members', () => {
  let app: AppSession;
  let page: Page;
  let second: Page;
  const teamName = `Acme ${randomBytes(2).toString('hex')}`;
  const secondEmail = `joiner-${randomBytes(4).toString('hex')}@example.com`;
  let teamId = '';
  let link = '';

  const switcher = (of: Page) => of.getByTestId('team-switcher');
  const actingFor = async (of: Page, account: string) => of.locator(`[data-testid="team-switcher"][data-account="${account}"]`).waitFor();
  const memberRow = (email: string) => page.locator(`[data-testid="member-row"][data-email="${email}"]`);

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    await app.signInNewUser('owner');
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(
    () => app,
    () => ({ second }),
  );

  it('creates a team from Settings › Teams and acts for it', async () => {
    await page.goto(app.at('/'));
    // In no team yet: acting for the personal account. (The switcher's own "Create a team" is
    // taken in teams.test.ts; here Settings › Teams.)
    await actingFor(page, 'personal');
    await expect(switcher(page).textContent()).resolves.toMatch(/^Acting for\s*Personal account/);
    await app.navLink('Teams').click();
    await page.getByTestId('teams-empty').waitFor();
    await page.getByRole('link', { name: 'Create a team' }).click();
    await page.getByRole('heading', { name: 'Create a team' }).waitFor();
    await page.getByTestId('team-name-input').fill(teamName);
    await page.getByTestId('create-team-form-submit').click();

    await page.getByTestId('team-members-page').waitFor();
    teamId = (await page.getByTestId('team-members-page').getAttribute('data-team')) ?? '';
    await actingFor(page, teamId);
    await expect(switcher(page).textContent()).resolves.toMatch(new RegExp(`^Acting for\\s*${teamName} \\(owner\\)`));
    await expect(page.getByTestId('my-team-role').textContent()).resolves.toBe('owner');
    await expect(page.getByTestId('member-row').count()).resolves.toBe(1);
    await app.shot('screenshots/team-members-owner.png');
  });

  it('switches to the personal account and back, with the keyboard', async () => {
    await switcher(page).focus();
    await page.keyboard.press('Enter');
    const personal = page.locator('[data-testid="switch-account"][data-account="personal"]');
    await personal.focus();
    await page.keyboard.press('Enter');
    await actingFor(page, 'personal');
    // The team's page, acting for nobody's team, says how to switch.
    await page.getByTestId('team-personal-notice').waitFor();

    await switcher(page).click();
    await page.getByRole('button', { name: `${teamName} (owner)` }).click();
    await actingFor(page, teamId);
    await page.getByTestId('team-members-page').waitFor();
    // The choice survives a reload (localStorage, per person).
    await page.reload();
    await actingFor(page, teamId);
    // On a phone the switcher stays in view while the rest of the top bar folds behind the menu.
    await app.onPhone(async () => {
      await expect(switcher(page).isVisible()).resolves.toBe(true);
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await app.shot('screenshots/team-switcher-360.png', page, 'view');
    });
  });

  it('invites by link, shown once with a copy button', async () => {
    await page.getByTestId('invite-role-select').selectOption('MEMBER');
    await page.getByTestId('create-invitation').click();
    const panel = page.getByTestId('invitation-link-panel');
    await panel.waitFor();
    link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${app.at('/invite/')}\\S+$`));
    await page.getByTestId('copy-invitation-link').click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await page.locator('[data-testid="invitation-row"]').first().waitFor();
    await page.getByTestId('dismiss-invitation-link').click();
    await expect(panel.count()).resolves.toBe(0);
  });

  it('lets a second person sign up from the link, come back to it and accept', async () => {
    second = await app.openSecondBrowser();
    await second.goto(link);
    await second.getByTestId('invite-signed-out').waitFor();
    await second.getByTestId('invite-sign-up').click();
    await second.getByTestId('email-input').fill(secondEmail);
    await second.getByTestId('password-input').fill(USER_PASSWORD);
    await second.getByTestId('submit').click();

    await second.getByTestId('invite-preview').waitFor();
    await expect(second.getByTestId('invite-team-name').textContent()).resolves.toBe(teamName);
    await expect(second.getByTestId('invite-role').textContent()).resolves.toBe('member');
    await app.shot('screenshots/team-invite-preview.png', second);
    await second.getByTestId('accept-invitation').click();

    await second.getByTestId('team-members-page').waitFor();
    await actingFor(second, teamId);
    await expect(switcher(second).textContent()).resolves.toContain(`${teamName} (member)`);
    // A member sees everyone, read-only, and no invitations.
    await second.locator('[data-testid="member-row"]').nth(1).waitFor();
    await expect(second.getByTestId('member-role-select').count()).resolves.toBe(0);
    await expect(second.getByTestId('remove-member').count()).resolves.toBe(0);
    await expect(second.getByTestId('invite-form').count()).resolves.toBe(0);
  });

  it("lets the owner set the member's cap, make them an admin, then remove them", async () => {
    await page.reload();
    const row = memberRow(secondEmail);
    await row.waitFor();
    await expect(row.getAttribute('data-role')).resolves.toBe('MEMBER');
    // The used link is no longer pending.
    await page.getByTestId('invitations-empty').waitFor();

    await row.getByTestId('edit-member-cap').click();
    await page.getByTestId('cap-limit-input').fill('5');
    await page.getByTestId('cap-period-select').selectOption('DAY');
    await page.getByTestId('cap-save').click();
    await page.locator(`[data-testid="member-row"][data-email="${secondEmail}"] [data-testid="member-cap"][data-cap="5.000000"][data-period="DAY"]`).waitFor();
    await expect(row.getByTestId('member-cap').textContent()).resolves.toMatch(/^0\.00 of 5\.00 credits per day\s*resets in /);

    await row.getByTestId('member-role-select').selectOption('ADMIN');
    await page.locator(`[data-testid="member-row"][data-email="${secondEmail}"][data-role="ADMIN"]`).waitFor();
    await app.shot('screenshots/team-members-admin.png');

    await row.getByTestId('remove-member').click();
    await page.getByTestId('confirm-button').click();
    await row.waitFor({ state: 'detached' });
    await expect(page.getByTestId('member-row').count()).resolves.toBe(1);
  });

  it('refuses to let the last owner leave, in words', async () => {
    await page.getByTestId('leave-team').click();
    await page.getByTestId('confirm-button').click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog.getByRole('alert').textContent()).resolves.toMatch(/at least one owner/);
    await page.getByTestId('confirm-cancel').click();
    await actingFor(page, teamId);
  });

  it("falls the removed person's switcher back to their personal account, saying why", async () => {
    await second.reload();
    await second.getByTestId('team-fallback').waitFor();
    await expect(second.getByTestId('team-fallback').textContent()).resolves.toContain(`You are no longer a member of ${teamName}`);
    await second.getByTestId('team-personal-notice').waitFor();
    await actingFor(second, 'personal');
    await switcher(second).click();
    await second.locator('[data-testid="switch-account"][data-account="personal"][aria-pressed="true"]').waitFor();
    await expect(second.locator(`[data-testid="switch-account"][data-account="${teamId}"]`).count()).resolves.toBe(0);
    await app.shot('screenshots/team-removed-fallback.png', second);
    expect(app.pageErrors).toEqual([]);
  });
});
