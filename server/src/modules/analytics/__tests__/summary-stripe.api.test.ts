import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, stripeEvent } from '../../billing/__tests__/billing-support.js';
import { clawbacks, paidPackage, startRefundWorld, type RefundWorld } from '../../billing/__tests__/refund-support.js';
import { ledgerAudit, newUser, signInAdmin, sum } from '../../gateway/__tests__/support.js';
import { marginPercent, usd } from '../analytics.usd.js';
import { credits, micro, summary, utcMidnight } from './summary-support.js';

describe('adminBillingSummary with Stripe: fees as recorded, refunds and disputes on their day, clawbacks, liability at the purchase price', () => {
  let w: RefundWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startRefundWorld('summary-stripe');
    admin = await signInAdmin(w.t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(w.t, admin)).toMatchObject({ violations: [] });
    await w?.t.stop();
    await w?.fake.stop();
  });

  it('a partial refund, a dispute and a payment whose fee has not arrived', async () => {
    const [a, b, c] = [await newUser(w.t, admin, 'st-refund'), await newUser(w.t, admin, 'st-dispute'), await newUser(w.t, admin, 'st-nofee')];
    const pa = await paidPackage(w, admin, a);
    const pb = await paidPackage(w, admin, b);
    await paidPackage(w, admin, c, { balance: false }); // no balance transaction yet: no fee
    for (const p of [pa, pb]) expect((await deliver(w.t, stripeEvent('charge.succeeded', p.charge))).status).toBe(200);
    expect((await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(pa.charge.id, 250)))).status).toBe(200);
    expect((await deliver(w.t, stripeEvent('charge.dispute.created', w.charges.dispute(pb.charge.id)))).status).toBe(200);

    const pkg = pa.pkg;
    const price = BigInt(pa.charge.amount as number);
    const fee = BigInt(w.charges.feeOf(pa.charge.amount as number));
    const s = await summary(w.t, admin, utcMidnight(0), utcMidnight(1));
    expect(s).toMatchObject({
      testMode: false,
      grossRevenueUsd: usd(3n * price, 'cents'),
      packagesRevenueUsd: usd(3n * price, 'cents'),
      stripeFeesUsd: usd(2n * fee, 'cents'),
      paymentsWithoutFee: 1,
      refundsUsd: usd(250n + price, 'cents'),
      disputesUsd: usd(price, 'cents'),
      netRevenueUsd: usd(3n * price - 2n * fee - 250n - price, 'cents'),
      providerCostUsd: '0.000000',
    });
    expect(credits(s.creditsSold)).toBe(3n * parseCredits(pkg.credits)); // the bonus is no sale
    expect(s.grossProfitUsd).toBe(s.netRevenueUsd);
    expect(s.marginPercent).toBe(marginPercent(micro(s.grossProfitUsd), micro(s.netRevenueUsd)));
    const clawed = -(sum((await clawbacks(w.t, a.token)).map((x) => x.amount)) + sum((await clawbacks(w.t, b.token)).map((x) => x.amount)));
    expect(clawed).toBeGreaterThan(0n);
    expect(credits(s.creditsClawedBack)).toBe(clawed);

    // The clawback takes the refunded payment's own grants first, its credits before its bonus; the paid
    // credit left is A's credits less what A's refund took, and C's; each at its payment's price per credit.
    const paidCredits = parseCredits(pkg.credits);
    const takenFromA = -sum((await clawbacks(w.t, a.token)).map((x) => x.amount));
    const remainingA = paidCredits - (takenFromA < paidCredits ? takenFromA : paidCredits);
    expect(credits(s.outstandingPaidCredits)).toBe(remainingA + paidCredits);
    const shareNano = (remaining: bigint) => (remaining * price * 10_000_000n) / paidCredits; // rounded down, per grant
    expect(s.outstandingLiabilityUsd).toBe(usd(shareNano(remainingA) + shareNano(paidCredits)));
    const balances = BigInt((await w.t.app.sql.query(`select sum(balance)::text as b from credit_account`))[0]!.b);
    expect(credits(s.outstandingCredits)).toBe(balances);

    // The refund and dispute count on their own day: a range of yesterday has none of it.
    const yesterday = await summary(w.t, admin, utcMidnight(-1), utcMidnight(0));
    expect(yesterday).toMatchObject({ grossRevenueUsd: '0.000000', refundsUsd: '0.000000', disputesUsd: '0.000000', creditsClawedBack: '0.000000' });
  });

  it('counts live payments only when payments are live: a test-mode row is never mixed in', async () => {
    const before = await summary(w.t, admin, utcMidnight(0), utcMidnight(1));
    const user = await newUser(w.t, admin, 'st-test-row');
    await w.t.app.sql.query(
      `insert into payment (id, user_id, kind, status, amount_cents, currency, credits, bonus_credits, test_mode, paid_at, fee_cents)
       values (gen_random_uuid(), $1, 'package', 'paid', 12345, 'usd', 1000000, 0, true, now(), 7)`,
      [user.id],
    );
    const after = await summary(w.t, admin, utcMidnight(0), utcMidnight(1));
    expect({ gross: after.grossRevenueUsd, fees: after.stripeFeesUsd, withoutFee: after.paymentsWithoutFee }).toEqual({
      gross: before.grossRevenueUsd,
      fees: before.stripeFeesUsd,
      withoutFee: before.paymentsWithoutFee,
    });
    await w.t.app.sql.query(`delete from payment where user_id = $1`, [user.id]);
  });
});
