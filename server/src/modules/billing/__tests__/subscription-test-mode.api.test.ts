import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, keyFor, ledgerAudit, newUser, signInAdmin } from '../../gateway/__tests__/support.js';
import { payments, redisEnv, writtenRows } from './billing-support.js';
import {
  CANCEL,
  CHANGE,
  CREDIT,
  entries,
  PORTAL,
  RESUME,
  SUBSCRIBE,
  SUBSCRIPTION,
  subscribe,
  subscription,
  subscriptionRows,
  tierOf,
} from './subscription-support.js';

const PUBLIC_URL = 'http://tollgate.test:8080';
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

describe('subscriptions in test mode (no Stripe key)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('sub-test-mode') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /**
   * Time passes: the user's test subscription's period (and so its grants, which expire at the
   * period end) ended a second ago. Its renewal is then due.
   */
  async function endPeriod(userId: string) {
    const past = new Date(Date.now() - 1000);
    const [sub] = await t.app.sql.query(
      `select stripe_subscription_id, current_period_end from subscription where user_id = $1 and test_mode and status = 'active'`,
      [userId],
    );
    await t.app.sql.query(
      `update credit_grant g set expires_at = $3 from credit_account a where a.id = g.account_id and a.user_id = $1 and g.expires_at = $2`,
      [userId, sub!.current_period_end, past],
    );
    await t.app.sql.query(`update subscription set current_period_end = $2 where stripe_subscription_id = $1`, [sub!.stripe_subscription_id, past]);
  }

  it('subscribe opens the test checkout; Pay activates the tier and allocates the monthly credits once', async () => {
    const user = await newUser(t, admin, 'sub-tm');
    const before = await balanceOf(t, user.token);
    const session = await subscribe(t, user.token, 'starter');
    expect(session.url).toBe(`${PUBLIC_URL}/test-checkout/${session.id}`);
    const html = await (await fetch(`${t.url}${pagePath(session.url)}`)).text();
    expect(html).toContain('Test mode: no money moves');
    expect(html).toContain('Subscribe to Starter');
    expect(html).toContain('$9.00 per month (not charged)');
    for (const action of ['pay', 'fail', 'cancel']) expect(html).toContain(`name="action" value="${action}"`);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'INCOMPLETE', tier: { code: 'starter' } });
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance);

    const presses = await Promise.all([press(t, session.url, 'pay'), press(t, session.url, 'pay'), press(t, session.url, 'pay')]);
    expect(presses.map((p) => p.location)).toEqual([0, 1, 2].map(() => `${PUBLIC_URL}/billing/success?session_id=${session.id}`));
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + 1000n * CREDIT);
    expect(await subscription(t, user.token)).toMatchObject({
      status: 'ACTIVE',
      tier: { code: 'starter' },
      cancelAtPeriodEnd: false,
      pendingTier: null,
      testMode: true,
    });
    expect(await tierOf(t, user.token)).toBe('starter');
    const [payment] = (await payments(t, user.token)).nodes;
    expect(payment).toMatchObject({ kind: 'SUBSCRIPTION', status: 'PAID', amountUsd: '9.00', creditsGranted: '1000.000000', testMode: true });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('two checkouts paid at the same time: one subscription, one allocation; the other checkout closes', async () => {
    const user = await newUser(t, admin, 'sub-tm-twice');
    const before = await balanceOf(t, user.token);
    const [a, b] = [await subscribe(t, user.token, 'starter'), await subscribe(t, user.token, 'pro')];
    const presses = await Promise.all([press(t, a.url, 'pay'), press(t, b.url, 'pay')]);
    expect(presses.map((p) => p.location!.split('?')[0]).sort()).toEqual([`${PUBLIC_URL}/billing/cancel`, `${PUBLIC_URL}/billing/success`]);
    expect(await t.app.sql.query(`select count(*)::int as n from subscription where user_id = $1 and status = 'active'`, [user.id])).toEqual([{ n: 1 }]);
    const sub = await subscription(t, user.token);
    const monthly = sub.tier.code === 'starter' ? 1000n : 3500n;
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + monthly * CREDIT);
    expect(await tierOf(t, user.token)).toBe(sub.tier.code);
  });

  it('Fail and Cancel leave no subscription and grant nothing', async () => {
    const user = await newUser(t, admin, 'sub-tm-fail');
    const before = await balanceOf(t, user.token);
    const failed = await subscribe(t, user.token, 'pro');
    expect((await press(t, failed.url, 'fail')).location).toBe(`${PUBLIC_URL}/billing/cancel?session_id=${failed.id}`);
    const canceled = await subscribe(t, user.token, 'pro');
    await press(t, canceled.url, 'cancel');
    expect((await press(t, canceled.url, 'pay')).location).toBe(`${PUBLIC_URL}/billing/cancel?session_id=${canceled.id}`);
    expect((await t.gql(SUBSCRIPTION, {}, user.token)).data).toEqual({ subscription: null });
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await tierOf(t, user.token)).toBe('free');
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const user = await newUser(t, admin, 'sub-tm-bad');
    const rows = { ...(await writtenRows(t)), subscription: await subscriptionRows(t) };
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'platinum' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'free' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: '' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'starter', couponCode: 'WELCOME' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CHANGE, { t: 'pro' }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CANCEL, {}, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(RESUME, {}, user.token))).toBe('NOT_FOUND');
    const key = await keyFor(t, user, ['read', 'completions']);
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'starter' } }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(PORTAL, {}, key.secret))).toBe('FORBIDDEN');
    expect({ ...(await writtenRows(t)), subscription: await subscriptionRows(t) }).toEqual(rows);

    await press(t, (await subscribe(t, user.token, 'starter')).url, 'pay');
    const live = { ...(await writtenRows(t)), subscription: await subscriptionRows(t) };
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'pro' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'starter' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'free' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'nope' }, user.token))).toBe('NOT_FOUND');
    expect({ ...(await writtenRows(t)), subscription: await subscriptionRows(t) }).toEqual(live);
  });

  it('upgrades at once with prorated credit, downgrades at renewal with the rollover, and the portal is the Billing page', async () => {
    const user = await newUser(t, admin, 'sub-tm-change');
    await press(t, (await subscribe(t, user.token, 'starter')).url, 'pay');
    const before = (await balanceOf(t, user.token)).balance;
    expect(await (async () => (await t.gql(CHANGE, { t: 'pro' }, user.token)).data?.changeSubscription)()).toMatchObject({
      tier: { code: 'pro' },
      pendingTier: null,
    });
    expect(await tierOf(t, user.token)).toBe('pro');
    const extra = (await balanceOf(t, user.token)).balance - before;
    // Nearly the whole period is left: (3500 − 1000) credits × (left / period), rounded down.
    expect(extra).toBeGreaterThan(2499n * CREDIT);
    expect(extra).toBeLessThanOrEqual(2500n * CREDIT);

    expect((await t.gql(CHANGE, { t: 'starter' }, user.token)).data?.changeSubscription).toMatchObject({
      tier: { code: 'pro' },
      pendingTier: { code: 'starter' },
    });
    expect(await tierOf(t, user.token)).toBe('pro');
    await endPeriod(user.id);
    // Renewal: the pro period's unused credit (1000 + extra, under pro's 3500 cap) rolls over, then starter's allocation.
    expect(await subscription(t, user.token)).toMatchObject({ status: 'ACTIVE', tier: { code: 'starter' }, pendingTier: null });
    expect(await tierOf(t, user.token)).toBe('starter');
    const rollovers = await entries(t, user.token, ['ROLLOVER']);
    expect(rollovers).toHaveLength(1);
    expect(BigInt(rollovers[0]!.amount.replace('.', ''))).toBe(1000n * CREDIT + extra);
    expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => e.amount)).toEqual(['1000.000000', expect.any(String), '1000.000000']);

    const portal = (await t.gql(PORTAL, {}, user.token)).data?.billingPortal;
    expect(portal.url).toBe(`${PUBLIC_URL}/billing`);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('cancel and resume at period end; a cancelled subscription ends at renewal and the user is back on free', async () => {
    const user = await newUser(t, admin, 'sub-tm-cancel');
    await press(t, (await subscribe(t, user.token, 'starter')).url, 'pay');
    expect((await t.gql(CANCEL, {}, user.token)).data?.cancelSubscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'ACTIVE' });
    expect((await t.gql(RESUME, {}, user.token)).data?.resumeSubscription).toMatchObject({ cancelAtPeriodEnd: false });
    // Paying for a tier, a user steps down by cancelling, not by switching to free; paid tiers stay out of reach.
    const SWITCH = `mutation($t: String!) { switchTier(tier: $t) { id } }`;
    expect(errorCode(await t.gql(SWITCH, { t: 'free' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SWITCH, { t: 'pro' }, user.token))).toBe('FORBIDDEN');
    expect(await tierOf(t, user.token)).toBe('starter');
    await t.gql(CANCEL, {}, user.token);
    const kept = (await balanceOf(t, user.token)).balance;
    expect(await tierOf(t, user.token)).toBe('starter');
    await endPeriod(user.id);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'CANCELED' });
    expect(await tierOf(t, user.token)).toBe('free');
    expect((await t.gql(SWITCH, { t: 'free' }, user.token)).errors).toBeUndefined();
    expect((await balanceOf(t, user.token)).balance).toBe(kept);
    // A new subscription may start once the old one ended.
    await press(t, (await subscribe(t, user.token, 'pro')).url, 'pay');
    expect(await subscription(t, user.token)).toMatchObject({ status: 'ACTIVE', tier: { code: 'pro' } });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

describe('subscriptions in production without Stripe', () => {
  it('answers PAYMENTS_UNAVAILABLE to every subscription operation and writes nothing', async () => {
    const t = await startTestApp({ NODE_ENV: 'production' });
    try {
      const admin = await signInAdmin(t);
      const user = await newUser(t, admin, 'sub-prod');
      const rows = { ...(await writtenRows(t)), subscription: await subscriptionRows(t) };
      for (const [query, variables] of [
        [SUBSCRIBE, { i: { tierCode: 'starter' } }],
        [SUBSCRIBE, { i: { tierCode: 'nope' } }],
        [CHANGE, { t: 'pro' }],
        [CANCEL, {}],
        [RESUME, {}],
        [PORTAL, {}],
      ] as const) {
        expect(errorCode(await t.gql(query, variables, user.token))).toBe('PAYMENTS_UNAVAILABLE');
      }
      expect((await t.gql(SUBSCRIPTION, {}, user.token)).data).toEqual({ subscription: null });
      expect({ ...(await writtenRows(t)), subscription: await subscriptionRows(t) }).toEqual(rows);
    } finally {
      await t.stop();
    }
  });
});
