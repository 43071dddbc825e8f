import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { subscribe } from '../../billing/__tests__/subscription-support.js';
import { ledgerAudit, newUser, signInAdmin } from '../../gateway/__tests__/support.js';
import { usd } from '../analytics.usd.js';
import { credits, pay, summary, utcMidnight } from './summary-support.js';

describe('adminBillingSummary: subscriptions, MRR by tier, allocations sold at the invoice price', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', PUBLIC_URL: 'http://tollgate.test:8080', ...redisEnv('summary-subs') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    await t?.stop();
  });

  it('two starter subscriptions and a pro one: MRR, active subscriptions and the tier breakdown', async () => {
    const users = [await newUser(t, admin, 'sub-a'), await newUser(t, admin, 'sub-b'), await newUser(t, admin, 'sub-c')];
    await pay(t, await subscribe(t, users[0]!.token, 'starter'));
    await pay(t, await subscribe(t, users[1]!.token, 'starter'));
    await pay(t, await subscribe(t, users[2]!.token, 'pro'));
    const s = await summary(t, admin, utcMidnight(0), utcMidnight(1));
    expect(s).toMatchObject({
      subscriptionsRevenueUsd: usd(2n * 900n + 2900n, 'cents'),
      grossRevenueUsd: usd(2n * 900n + 2900n, 'cents'),
      mrrUsd: usd(2n * 900n + 2900n, 'cents'),
      activeSubscriptions: 3,
    });
    expect(s.subscriptionsByTier).toEqual([
      { tierCode: 'starter', tierName: 'Starter', count: 2, mrrUsd: usd(1800n, 'cents') },
      { tierCode: 'pro', tierName: 'Pro', count: 1, mrrUsd: usd(2900n, 'cents') },
      { tierCode: 'enterprise', tierName: 'Enterprise', count: 0, mrrUsd: '0.000000' },
    ]);
    expect(s.byTier.find((x: any) => x.tierCode === 'starter')).toMatchObject({
      users: 2,
      activeSubscriptions: 2,
      mrrUsd: usd(1800n, 'cents'),
      grossRevenueUsd: usd(1800n, 'cents'),
    });
    expect(s.byTier.find((x: any) => x.tierCode === 'pro')).toMatchObject({ users: 1, activeSubscriptions: 1, mrrUsd: usd(2900n, 'cents') });
    // The allocations are sold credit, owed at what the invoice paid per credit (here exactly the price).
    expect(credits(s.creditsSold)).toBe(2n * parseCredits('1000') + parseCredits('3500'));
    expect(credits(s.outstandingPaidCredits)).toBe(2n * parseCredits('1000') + parseCredits('3500'));
    expect(s.outstandingLiabilityUsd).toBe(usd(2n * 900n + 2900n, 'cents'));
    expect(s.byDay[0]).toMatchObject({ mrrUsd: s.mrrUsd, activeSubscriptions: 3 });
  });
});
