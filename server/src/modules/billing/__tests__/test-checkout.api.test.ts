import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, keyFor, ledgerAudit, newUser, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { BUY, buy, packageWithBonus, payments, purchases, redisEnv, writtenRows, type Package } from './billing-support.js';

const PUBLIC_URL = 'http://tollgate.test:8080';

/** The test checkout page's path, from the URL buyCredits answered (PUBLIC_URL is not where the test server listens). */
const pagePath = (url: string) => new URL(url).pathname;

async function press(t: TestApp, url: string, action: string) {
  const res = await fetch(`${t.url}${pagePath(url)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location') };
}

describe('test mode (no Stripe key, outside production)', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('test-checkout') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("answers a URL to Tollgate's own test checkout page, plainly marked, with Pay, Fail and Cancel and no inline script or style", async () => {
    const user = await newUser(t, admin, 'tm-page');
    const session = await buy(t, user.token, pkg.code);
    expect(session.url).toBe(`${PUBLIC_URL}/test-checkout/${session.id}`);
    const res = await fetch(`${t.url}${pagePath(session.url)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Test mode: no money moves');
    expect(html).toContain(`$${pkg.priceUsd} (not charged)`);
    expect(html).toContain(`<form method="post" action="/test-checkout/${session.id}">`);
    for (const action of ['pay', 'fail', 'cancel']) expect(html).toContain(`name="action" value="${action}"`);
    expect(html).not.toMatch(/<script|style=|<style|\son[a-z]+=/i);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(`${t.url}/test-checkout/cs_tollgate_test_${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('Pay goes through the webhook fulfilment: credits and bonus granted once, however often Pay is posted', async () => {
    const user = await newUser(t, admin, 'tm-pay');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    const presses = await Promise.all([press(t, session.url, 'pay'), press(t, session.url, 'pay')]);
    expect(presses).toEqual([0, 1].map(() => ({ status: 303, location: `${PUBLIC_URL}/billing/success?session_id=${session.id}` })));
    expect((await press(t, session.url, 'pay')).status).toBe(303);

    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    const granted = await purchases(t, user.token);
    expect(granted.map((g) => g.amount).sort()).toEqual([pkg.bonusCredits, pkg.credits].sort());
    expect(granted.every((g) => g.reference === `checkout:${session.id}`)).toBe(true);
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'PAID', testMode: true, receiptUrl: null, checkoutSessionId: session.id });
    // The page now shows the payment closed: no buttons to press again.
    expect(await (await fetch(`${t.url}${pagePath(session.url)}`)).text()).not.toContain('<form');
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('Cancel grants nothing and closes the checkout (a later Pay grants nothing either); Fail marks the payment FAILED', async () => {
    const user = await newUser(t, admin, 'tm-cancel');
    const before = await balanceOf(t, user.token);
    const cancelled = await buy(t, user.token, pkg.code);
    expect(await press(t, cancelled.url, 'cancel')).toEqual({ status: 303, location: `${PUBLIC_URL}/billing/cancel?session_id=${cancelled.id}` });
    expect((await press(t, cancelled.url, 'pay')).location).toContain('/billing/cancel');
    const failed = await buy(t, user.token, pkg.code);
    expect((await press(t, failed.url, 'fail')).location).toContain('/billing/cancel');

    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await purchases(t, user.token)).toEqual([]);
    const statuses = (await payments(t, user.token)).nodes.map((p: { status: string }) => p.status);
    expect(statuses).toEqual(['FAILED', 'CANCELED']);
    expect((await press(t, failed.url, 'refund-me')).status).toBe(400);
  });

  it('lists only your own payments, newest first, a page at a time', async () => {
    const user = await newUser(t, admin, 'tm-list');
    const other = await newUser(t, admin, 'tm-other');
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await buy(t, user.token, pkg.code));
    await buy(t, other.token, pkg.code);
    const first = await payments(t, user.token, 2);
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await payments(t, user.token, 2, first.pageInfo.endCursor);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.nodes, ...second.nodes].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(3);
    const sessions = await t.app.sql.query(`select id, checkout_session_id from payment where user_id = $1 order by seq desc`, [user.id]);
    expect(ids).toEqual(sessions.map((s) => s.id));
    expect(sessions.map((s) => s.checkout_session_id)).toEqual(made.reverse().map((m) => m.id));
    expect(errorCode(await t.gql('{ payments(first: 0) { totalCount } }', {}, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql('{ payments(after: "x") { totalCount } }', {}, user.token))).toBe('BAD_USER_INPUT');
  });

  it('refuses an API key (buying needs a signed-in session) and an unknown package, writing nothing', async () => {
    const user: User = await newUser(t, admin, 'tm-refused');
    const key = await keyFor(t, user, ['read', 'completions']);
    const rows = await writtenRows(t);
    expect(errorCode(await t.gql(BUY, { i: { packageCode: pkg.code } }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(BUY, { i: { packageCode: 'nope' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(BUY, { i: { packageCode: pkg.code } }))).toBe('UNAUTHENTICATED');
    expect(await writtenRows(t)).toEqual(rows);
  });
});

describe('production without Stripe', () => {
  it('answers PAYMENTS_UNAVAILABLE and writes nothing, and serves no test checkout', async () => {
    const t = await startTestApp({ NODE_ENV: 'production' });
    try {
      const admin = await signInAdmin(t);
      const user = await newUser(t, admin, 'prod');
      const pkg = await packageWithBonus(t, admin);
      const rows = await writtenRows(t);
      const res = await t.gql(BUY, { i: { packageCode: pkg.code } }, user.token);
      expect(errorCode(res)).toBe('PAYMENTS_UNAVAILABLE');
      // Unavailable comes first: even an unknown package says why nothing can be bought.
      expect(errorCode(await t.gql(BUY, { i: { packageCode: 'nope' } }, user.token))).toBe('PAYMENTS_UNAVAILABLE');
      expect(await writtenRows(t)).toEqual(rows);
      expect((await fetch(`${t.url}/test-checkout/cs_tollgate_test_${'0'.repeat(32)}`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });

  it('runs the test checkout when PAYMENTS_TEST_MODE=true', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', PAYMENTS_TEST_MODE: 'true' });
    try {
      const admin = await signInAdmin(t);
      const user = await newUser(t, admin, 'prod-test');
      const pkg = await packageWithBonus(t, admin);
      const session = await buy(t, user.token, pkg.code);
      expect((await press(t, session.url, 'pay')).status).toBe(303);
      expect((await payments(t, user.token)).nodes[0].status).toBe('PAID');
    } finally {
      await t.stop();
    }
  });
});
