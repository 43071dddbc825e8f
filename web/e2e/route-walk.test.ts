import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, graphql, signUp } from './support/api';
import { type AppSession, reportFailures, startAppSession, USER_PASSWORD } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { createTeam, invitationLink, invitationToken } from './support/teams';
import { internalTextFindings, routePaths, visibleText } from './support/visible-text';

/**
 * Issue 14's walk: as a brand-new user with one sandbox completion behind them, and then as the
 * admin, every screen of the app and of the console, failing on internal text a person should
 * never read (support/visible-text.ts lists it). The screens come from the route tables themselves,
 * so a screen added later is walked too.
 */
const SRC = new URL('../src/app/', import.meta.url);
const APP_PATHS = routePaths(new URL('routes.tsx', SRC));
const CONSOLE_PATHS = routePaths(new URL('console-routes.tsx', SRC));
const PUBLIC_PATHS = routePaths(new URL('router.tsx', SRC)).filter((path) => path !== '/admin' && !path.includes('*'));
/** A real invitation stands in for `:token` (another user's team, by link), so the invitation screen shows one. */
const withToken = (path: string, token: string) => path.replace(':token', encodeURIComponent(token));

describe.skipIf(SKIP_BROWSER_TESTS)('every screen, in words a person reads', () => {
  let app: AppSession;
  let page: Page;
  let userId = '';
  let token = '';
  let teamId = '';
  let inviteToken = '';
  const missing: string[] = [];
  const email = `walk-${randomBytes(4).toString('hex')}@example.com`;

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const inviter = await signUp(app.server.url, `inviter-${randomBytes(4).toString('hex')}@example.com`, USER_PASSWORD);
    const team = await createTeam(app.server.url, inviter.token, 'Walkers');
    inviteToken = invitationToken(await invitationLink(app.server.url, inviter.token, team.id));
    // The console's "Failed to load resource" line does not say which: keep the addresses.
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(`${response.request().method()} ${response.url().replace(app.server.url, '')}`);
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  /** Opens `path` and waits for its heading and for its queries to come back. */
  async function open(path: string): Promise<string> {
    await page.goto(app.at(path));
    await page.locator('main h1, [role="alert"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    // Loaded: nothing marked busy, no "Loading…" placeholder left.
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !/\bLoading…/.test(document.body.innerText));
    return visibleText(page);
  }

  function expectNoInternalText(path: string, text: string) {
    const findings = internalTextFindings(text).map((f) => `${f.rule} "${f.match}" in: ${f.line}`);
    expect(findings, `internal text on ${path}`).toEqual([]);
  }

  it('finds every screen in the route tables', () => {
    expect(APP_PATHS).toContain('/');
    expect(APP_PATHS).toContain('/provider-keys');
    expect(CONSOLE_PATHS).toContain('/admin');
    expect(PUBLIC_PATHS).toContain('/sign-in');
  });

  it.each(PUBLIC_PATHS)('signed out, %s', async (path) => {
    await page.goto(app.at(withToken(path, inviteToken)));
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expectNoInternalText(path, await visibleText(page));
  });

  it('signs up a new user in the browser and makes one sandbox completion', async () => {
    await page.goto(app.at('/sign-up'));
    await app.submitCredentials(email, USER_PASSWORD);
    await page.waitForURL(app.at('/'));
    token = (await page.evaluate(() => localStorage.getItem('tollgate.token')))!;
    const me = await graphql<{ me: { id: string } }>(app.server.url, '{ me { id } }', {}, token);
    userId = me.me.id;
    const done = await complete(app.server.url, token, { model: 'sandbox/echo', prompt: 'Hello from the route walk', maxTokens: 16 });
    expect(done.content).toContain('Hello');
  });

  it.each(APP_PATHS)('as the new user, %s', async (path) => {
    expectNoInternalText(path, await open(path));
  });

  it('the playground after a run on the default model (auto)', async () => {
    await open('/playground');
    await page.getByTestId('estimator-prompt').fill('Hello from the route walk');
    await page.getByTestId('playground-run-button').click();
    // Whatever the outcome (an answer, or a refusal), it is said in words.
    await page.locator('[data-testid="playground-run"]:is([data-status="done"], [data-status="failed"])').waitFor();
    expectNoInternalText('/playground after a run', await visibleText(page));
  });

  it("the estimator refusing a budget over the tier's limit", async () => {
    await open('/estimator');
    await page.getByTestId('estimator-prompt').fill('Hello from the route walk');
    await page.getByTestId('estimator-max-tokens').fill('999999');
    await page.getByTestId('estimate-problem').waitFor();
    await page.waitForLoadState('networkidle');
    expectNoInternalText('/estimator with a refused budget', await visibleText(page));
  });

  it("signed in, another team's invitation", async () => {
    const path = withToken('/invite/:token', inviteToken);
    expectNoInternalText(path, await open(path));
    await page.getByTestId('invite-preview').waitFor();
  });

  it('creates a team of their own and acts for it', async () => {
    teamId = (await createTeam(app.server.url, token, 'Route walkers')).id;
    // As the team switcher remembers the choice (web/src/teams/acting-account.ts).
    await page.evaluate(
      ([person, team]) => localStorage.setItem(`tollgate.account.${person}`, JSON.stringify({ id: team, name: 'Route walkers' })),
      [userId, teamId],
    );
    await page.goto(app.at('/'));
    await page.locator(`[data-testid="team-switcher"][data-account="${teamId}"]`).waitFor();
  });

  it.each(APP_PATHS)('acting for the team, %s', async (path) => {
    expectNoInternalText(`${path} (team)`, await open(path));
    await page.locator(`[data-testid="team-switcher"][data-account="${teamId}"]`).waitFor();
  });

  it('signs in as the admin', async () => {
    await page.getByTestId('sign-out').first().click();
    await page.waitForURL(/\/sign-in/);
    await app.signInAdmin();
  });

  it.each(CONSOLE_PATHS)('as the admin, %s', async (path) => {
    const concrete = path.replace(':id', path.startsWith('/admin/teams/') ? teamId : userId);
    expectNoInternalText(concrete, await open(concrete));
  });

  it("as the admin, a team's account page (the console's Teams list links there)", async () => {
    const path = `/admin/users/${teamId}`;
    expectNoInternalText(path, await open(path));
    // Named as the team (not its synthetic address), leading back to Teams.
    await expect(page.getByTestId('user-email-heading').textContent()).resolves.toBe('Route walkers');
    await expect(page.getByTestId('user-kind').textContent()).resolves.toBe('Team');
    await page.locator('[data-testid="admin-user-page"] a[href="/admin/teams"]').waitFor();
  });

  it('raised no uncaught errors in the page along the way, and found everything it asked for', () => {
    expect(missing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
