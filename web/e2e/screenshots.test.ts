import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, signUp } from './support/api';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { acceptInvitation, createTeam, graphqlAs, invitationLink, invitationToken } from './support/teams';

/**
 * The main screens at desktop and phone width, light and dark, saved for review as
 * web/test-output/screenshots/<screen>-<width>-<theme>.png. Each picture is also a check: the
 * screen's heading is shown, in the theme asked for, and nothing scrolls sideways.
 */
const SHOTS_DIR = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const THEMES = ['light', 'dark'] as const;
const VARIANTS = WIDTHS.flatMap((size) => THEMES.map((theme) => ({ ...size, theme })));

/** A screen: its name in the file name, its address and its heading; `team`: seen acting for the user's team. */
interface Screen {
  name: string;
  path: string;
  heading: string;
  team?: boolean;
}
const USER_SCREENS: Screen[] = [
  { name: 'dashboard', path: '/', heading: 'Dashboard' },
  { name: 'playground', path: '/playground', heading: 'Playground' },
  { name: 'usage', path: '/usage', heading: 'Usage' },
  { name: 'transactions', path: '/transactions', heading: 'Transactions' },
  { name: 'billing', path: '/billing', heading: 'Billing' },
  { name: 'models', path: '/models', heading: 'Models & prices' },
  { name: 'estimator', path: '/estimator', heading: 'Cost estimator' },
  { name: 'provider-keys', path: '/provider-keys', heading: 'Provider keys' },
  { name: 'account', path: '/settings/account', heading: 'Account' },
  { name: 'teams', path: '/teams', heading: 'Teams' },
  { name: 'team-create', path: '/teams/new', heading: 'Create a team' },
  // `:token`: an invitation to another user's team, made in beforeAll.
  { name: 'team-invitation', path: '/invite/:token', heading: 'Join a team' },
  { name: 'team-members', path: '/team/members', heading: 'Members', team: true },
  { name: 'team-settings', path: '/team/settings', heading: 'Team settings', team: true },
  { name: 'team-api-keys', path: '/api-keys', heading: 'API keys', team: true },
  { name: 'team-dashboard', path: '/', heading: 'Dashboard', team: true },
];
const CONSOLE_SCREENS: Screen[] = [
  { name: 'console-overview', path: '/admin', heading: 'Overview' },
  { name: 'console-teams', path: '/admin/teams', heading: 'Teams' },
];

describe.skipIf(SKIP_BROWSER_TESTS)('screenshots of the main screens', () => {
  let app: AppSession;
  let page: Page;
  let userId = '';
  let team = { id: '', name: '' };
  let inviteToken = '';

  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    app = await startAppSession();
    page = app.page;
    const user = await app.signInNewUser('shots');
    userId = user.userId;
    // One call behind the user, so usage and transactions show a row rather than their empty state.
    await complete(app.server.url, user.token, { model: 'sandbox/echo', prompt: 'Hello, screenshots', maxTokens: 16 });
    // A team with a second member and a pending invitation, so its members page shows each kind of row.
    team = await createTeam(app.server.url, user.token, 'Screenshot Studio');
    const member = await signUp(app.server.url, `shots-member-${userId.slice(0, 8)}@example.com`, USER_PASSWORD);
    await acceptInvitation(app.server.url, member.token, await invitationLink(app.server.url, user.token, team.id));
    await graphqlAs(app.server.url, user.token, 'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { link } }', {
      input: { teamId: team.id, email: `shots-invited-${userId.slice(0, 8)}@example.com`, role: 'ADMIN' },
    });
    // Someone else's team invites this user by link: the invitation screen.
    const other = await signUp(app.server.url, `shots-inviter-${userId.slice(0, 8)}@example.com`, USER_PASSWORD);
    const otherTeam = await createTeam(app.server.url, other.token, 'Northwind Labs');
    inviteToken = invitationToken(await invitationLink(app.server.url, other.token, otherTeam.id));
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  /** Opens `screen` at `variant`, checks it and saves its picture. */
  async function shoot(screen: Screen, variant: (typeof VARIANTS)[number]) {
    await page.setViewportSize({ width: variant.width, height: variant.height });
    await page.evaluate((theme) => localStorage.setItem('tollgate.theme', theme), variant.theme);
    // Acting for the team, or for the personal account, as the team switcher remembers it (web/src/teams/acting-account.ts).
    const acting = screen.team ? JSON.stringify(team) : null;
    await page.evaluate(([key, value]) => (value ? localStorage.setItem(key!, value) : localStorage.removeItem(key!)), [`tollgate.account.${userId}`, acting]);
    await page.goto(app.at(screen.path.replace(':token', encodeURIComponent(inviteToken))));
    const heading = page.getByRole('heading', { level: 1, name: screen.heading, exact: true });
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !/\bLoading…/.test(document.body.innerText));
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(variant.theme);
    await expect(heading.isVisible()).resolves.toBe(true);
    if (screen.team) await page.locator(`[data-testid="team-switcher"][data-account="${team.id}"]`).waitFor({ state: 'attached' });
    // Two animation frames first: charts size themselves through ResizeObserver a frame after layout.
    const widths = await page.evaluate(async () => {
      for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth };
    });
    expect(widths.scroll, `${screen.path} scrolls sideways at ${variant.width}px`).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: `${SHOTS_DIR}${screen.name}-${variant.width}-${variant.theme}.png`, fullPage: true });
  }

  describe.each(VARIANTS)('at $width px, $theme', (variant) => {
    it.each(USER_SCREENS)('$name', async (screen) => {
      await shoot(screen, variant);
    });

    it('the navigation, opened', async () => {
      await shoot(USER_SCREENS[0]!, variant);
      const nav = page.getByRole('navigation', { name: 'Main' });
      if (variant.width < 1101) {
        // Folded: one tap shows every screen, under its group's name.
        await page.getByTestId('menu-button').click();
        for (const group of ['Build', 'Billing', 'Settings']) await expect(nav.getByRole('group', { name: group }).isVisible()).resolves.toBe(true);
      } else {
        await nav.getByRole('button', { name: 'Billing' }).click();
      }
      await nav.getByRole('link', { name: 'Transactions' }).waitFor();
      await page.screenshot({ path: `${SHOTS_DIR}navigation-${variant.width}-${variant.theme}.png` });
    });
  });

  describe('the console, as the admin', () => {
    beforeAll(async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      // Signed out first: the sign-in page sends a signed-in user on to the app.
      await page.evaluate(() => localStorage.removeItem('tollgate.token'));
      await app.signInAdmin();
    });

    for (const variant of VARIANTS) {
      it.each(CONSOLE_SCREENS)(`$name at ${variant.width} px, ${variant.theme}`, async (screen) => {
        await shoot(screen, variant);
      });
    }
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
