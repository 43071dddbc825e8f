import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit } from '../../gateway/__tests__/support.js';
import { buy, deliver, stripeEvent, type Package, startStripeSuite, stopStripeSuite, type StripeSuite } from '../../billing/__tests__/billing-support.js';
import { FakeStripe } from '../../billing/__tests__/fakes/fake-stripe.js';
import { bonuses, freshDomain, member, PUBLIC_URL, referralOf, reportRow } from './referral-support.js';

describe('referral bonus on a Stripe payment (webhooks)', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  let suite: StripeSuite;

  beforeAll(async () => {
    suite = await startStripeSuite('referral-stripe', { publicUrl: PUBLIC_URL });
    ({ fake, t, admin, pkg } = suite);
  });
  afterAll(() => stopStripeSuite(suite));

  it('the same paid event delivered four times at once, a related event and a late redelivery reward both sides once', async () => {
    const referrer = await member(t, `pat@${freshDomain('r')}`);
    const { code } = await referralOf(t, referrer);
    const referred = await member(t, `lee@${freshDomain('s')}`, code);
    const before = { referrer: await balanceOf(t, referrer.token), referred: await balanceOf(t, referred.token) };
    const session = await buy(t, referred.token, pkg.code);
    const completed = stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid'));
    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', fake.settleSession(session.id, 'paid'));
    const answers = await Promise.all([completed, completed, completed, completed, succeeded].map((e) => deliver(t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await deliver(t, completed)).body.outcome).toBe('already-applied');

    // The default settings: 5 credits each side.
    const paid = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
    expect((await balanceOf(t, referred.token)).balance).toBe(before.referred.balance + paid + parseCredits('5'));
    expect((await balanceOf(t, referrer.token)).balance).toBe(before.referrer.balance + parseCredits('5'));
    expect(await bonuses(t, referred)).toHaveLength(1);
    expect(await bonuses(t, referrer)).toHaveLength(1);
    expect(await reportRow(t, admin, referred.email)).toMatchObject({ status: 'REWARDED', bonusCredits: '10.000000' });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
