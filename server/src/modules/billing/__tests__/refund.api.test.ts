import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, ledgerAudit, newUser, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { deliver, stripeEvent } from './billing-support.js';
import { clawbacks, creditsOf, debtsOf, paidPackage, paymentRow, refundPayments, startRefundWorld, type RefundWorld } from './refund-support.js';

describe('refunds take back what the refunded part of a payment bought', () => {
  let w: RefundWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startRefundWorld('refund');
    admin = await signInAdmin(w.t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(w.t, admin)).toMatchObject({ violations: [] });
    await w?.t.stop();
    await w?.fake.stop();
  });

  it('a full refund takes back exactly the credits and bonus the payment granted, once, and marks it REFUNDED', async () => {
    const user = await newUser(w.t, admin, 'full');
    const before = await balanceOf(w.t, user.token);
    const { pkg, session, charge } = await paidPackage(w, admin, user);
    const granted = creditsOf(pkg);
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance + granted);

    const refunded = stripeEvent('charge.refunded', w.charges.refund(charge.id));
    const answers = await Promise.all([refunded, refunded, refunded].map((e) => deliver(w.t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // The same state in a new event (Stripe resends) takes nothing more either.
    expect((await deliver(w.t, stripeEvent('charge.refunded', w.charges.charges.get(charge.id)!))).status).toBe(200);

    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance);
    expect(await clawbacks(w.t, user.token)).toEqual([{ amount: -granted, reference: `charge:${charge.id}:refunded:${charge.amount}` }]);
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'REFUNDED', refundedUsd: pkg.priceUsd });
    expect(await debtsOf(w.t, user.id)).toEqual([]);
    // What it took came out of the payment's own grants: the signup bonus (burnt first otherwise) is untouched.
    const grants = await w.t.app.sql.query(
      `select g.source, g.reference, g.amount, g.remaining from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 order by g.created_at`,
      [user.id],
    );
    expect(grants.filter((g) => g.reference === `checkout:${session}`).map((g) => BigInt(g.remaining))).toEqual([0n, 0n]);
    expect(grants.filter((g) => g.source !== 'purchase').every((g) => g.remaining === g.amount)).toBe(true);
  });

  it("finds an invoice's charge through Stripe's invoice payments and takes back from that invoice's grant", async () => {
    const user = await newUser(w.t, admin, 'invoice');
    const before = await balanceOf(w.t, user.token);
    const invoice = `in_test_${user.id.slice(0, 8)}`;
    const granted = 30_000_000n;
    // A subscription invoice's payment as the subscriptions work records it, without the payment intent yet.
    await w.t.app.sql.query(
      `insert into payment (id, user_id, kind, status, amount_cents, currency, credits, bonus_credits, credits_granted, test_mode, stripe_invoice_id, paid_at)
       values (gen_random_uuid(), $1, 'subscription', 'paid', 2000, 'usd', $2, 0, $2, false, $3, now())`,
      [user.id, granted, invoice],
    );
    await w.t.app.services.ledger.grant({
      userId: user.id,
      source: 'subscription',
      amount: granted,
      idempotencyKey: `invoice:${invoice}`,
      actor: { type: 'system', id: null },
      reference: `invoice:${invoice}`,
    });
    const charge = w.charges.chargeForIntent(`pi_inv_${user.id.slice(0, 8)}`, 2000, 'usd', null);
    w.charges.invoiceOfPaymentIntent.set(charge.payment_intent, invoice);
    expect(await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id, 500)))).toMatchObject({ status: 200 });
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance + granted - granted / 4n);
    const [grant] = await w.t.app.sql.query(`select remaining from credit_grant where reference = $1`, [`invoice:${invoice}`]);
    expect(BigInt(grant!.remaining)).toBe(granted - granted / 4n);
    const [row] = await w.t.app.sql.query(
      `select stripe_charge_id, stripe_payment_intent_id, amount_refunded_cents from payment where stripe_invoice_id = $1`,
      [invoice],
    );
    expect(row).toEqual({ stripe_charge_id: charge.id, stripe_payment_intent_id: charge.payment_intent, amount_refunded_cents: 500 });
  });

  it('partial refunds take back pro rata (rounded down), each only the difference, in any order', async () => {
    const user = await newUser(w.t, admin, 'partial');
    const { pkg, session, charge } = await paidPackage(w, admin, user);
    const granted = creditsOf(pkg);
    const start = (await balanceOf(w.t, user.token)).balance;
    const first = 333; // cents: an amount that does not divide evenly
    const second = 500;
    const afterFirst = (granted * BigInt(first)) / BigInt(charge.amount);
    const afterSecond = (granted * BigInt(first + second)) / BigInt(charge.amount);

    const one = stripeEvent('charge.refunded', w.charges.refund(charge.id, first));
    const two = stripeEvent('charge.refunded', w.charges.refund(charge.id, second));
    expect((await deliver(w.t, one)).status).toBe(200);
    expect((await balanceOf(w.t, user.token)).balance).toBe(start - afterFirst);
    expect((await deliver(w.t, two)).status).toBe(200);
    expect((await balanceOf(w.t, user.token)).balance).toBe(start - afterSecond);
    // The first event again, late (a new delivery of an old state): nothing more.
    await deliver(w.t, stripeEvent('charge.refunded', { ...one.data.object }));
    expect((await balanceOf(w.t, user.token)).balance).toBe(start - afterSecond);
    expect((await clawbacks(w.t, user.token)).map((c) => c.amount).sort()).toEqual([-afterFirst, -(afterSecond - afterFirst)].sort());
    expect(await paymentRow(w.t, session)).toMatchObject({ status: 'paid', amount_refunded_cents: first + second, credits_clawed_back: afterSecond });
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'PAID', refundedUsd: '8.33' });
  });

  it('partial refunds delivered newest first: the older one finds nothing left to take', async () => {
    const user = await newUser(w.t, admin, 'reordered');
    const { pkg, charge } = await paidPackage(w, admin, user);
    const granted = creditsOf(pkg);
    const start = (await balanceOf(w.t, user.token)).balance;
    const one = stripeEvent('charge.refunded', w.charges.refund(charge.id, 100));
    const two = stripeEvent('charge.refunded', w.charges.refund(charge.id, 200));
    await deliver(w.t, two);
    await deliver(w.t, one);
    expect((await balanceOf(w.t, user.token)).balance).toBe(start - (granted * 300n) / BigInt(charge.amount));
  });

  it("answers a charge that is not Tollgate's with 2xx and changes nothing", async () => {
    const user = await newUser(w.t, admin, 'foreign');
    const before = await balanceOf(w.t, user.token);
    const foreign = w.charges.chargeForIntent('pi_not_tollgates', 5000, 'usd', null);
    const rows = await w.t.app.sql.query(
      `select (select count(*) from ledger_entry) as e, (select count(*) from billing_debt) as d, (select count(*) from payment where stripe_charge_id is not null) as p`,
    );
    expect((await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(foreign.id)))).status).toBe(200);
    expect((await deliver(w.t, stripeEvent('charge.dispute.created', w.charges.dispute(foreign.id)))).status).toBe(200);
    expect((await deliver(w.t, stripeEvent('charge.succeeded', foreign))).status).toBe(200);
    expect(
      await w.t.app.sql.query(
        `select (select count(*) from ledger_entry) as e, (select count(*) from billing_debt) as d, (select count(*) from payment where stripe_charge_id is not null) as p`,
      ),
    ).toEqual(rows);
    expect(await balanceOf(w.t, user.token)).toEqual(before);
  });

  it('never takes back held credit: what a running call reserved stays, the rest becomes debt', async () => {
    const user = await newUser(w.t, admin, 'held');
    const { pkg, charge } = await paidPackage(w, admin, user);
    await setAvailable(w.t, admin, user, 3_000_000n); // most of it spent
    const { balance } = await balanceOf(w.t, user.token);
    const held = 1_000_000n;
    await w.t.app.services.ledger.hold({ userId: user.id, amount: held, idempotencyKey: `hold-${user.id}`, reference: 'test' });
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id)));
    const after = await balanceOf(w.t, user.token);
    expect(after).toMatchObject({ balance: held, held, available: 0n });
    const granted = creditsOf(pkg);
    expect(await debtsOf(w.t, user.id)).toEqual([{ cause: `charge:${charge.id}:refunded:${charge.amount}`, credits: granted - (balance - held), settled: 0n }]);
  });
});
