import { formatCredits, parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type TestApp } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit, newUser } from '../../gateway/__tests__/support.js';
import {
  BUY,
  buy,
  deliver,
  payments,
  purchases,
  stripeEvent,
  writtenRows,
  type Package,
  startStripeSuite,
  stopStripeSuite,
  type StripeSuite,
} from './billing-support.js';
import { FakeStripe } from './fakes/fake-stripe.js';

const PUBLIC_URL = 'https://tollgate.example';

describe('package purchase through Stripe Checkout', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  let suite: StripeSuite;

  beforeAll(async () => {
    suite = await startStripeSuite('checkout', { publicUrl: PUBLIC_URL });
    ({ fake, t, admin, pkg } = suite);
  });
  afterAll(() => stopStripeSuite(suite));

  it('opens a payment-mode session for the synced price with the user and package recorded, and grants nothing yet', async () => {
    const user = await newUser(t, admin, 'buyer');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);

    const stored = fake.checkoutSessions.get(session.id)!;
    expect(session.url).toBe(stored.url);
    const price = [...fake.prices.values()].find((p) => p.lookup_key === `tollgate_package_${pkg.code}`)!;
    const metadata = {
      tollgate_kind: 'package',
      tollgate_user_id: user.id,
      tollgate_package_code: pkg.code,
      tollgate_credits: pkg.credits,
      tollgate_bonus_credits: pkg.bonusCredits,
    };
    expect(stored).toMatchObject({
      mode: 'payment',
      client_reference_id: user.id,
      metadata,
      amount_total: Math.round(Number(pkg.priceUsd) * 100),
      currency: 'usd',
    });
    const [create] = fake.calls('POST', '/v1/checkout/sessions').filter((c) => c.params.client_reference_id === user.id);
    expect(create!.params).toMatchObject({
      line_items: [{ price: price.id, quantity: '1' }],
      payment_intent_data: { metadata },
      success_url: `${PUBLIC_URL}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${PUBLIC_URL}/billing/cancel?session_id={CHECKOUT_SESSION_ID}`,
    });
    expect(fake.customers.get(stored.customer)!.metadata).toEqual({ tollgate_user_id: user.id });

    const listed = await payments(t, user.token);
    expect(listed.nodes).toEqual([
      expect.objectContaining({ kind: 'PACKAGE', status: 'PENDING', amountUsd: pkg.priceUsd, creditsGranted: '0.000000', testMode: false }),
    ]);
    expect(parseCredits(listed.nodes[0].credits)).toBe(parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    expect(await balanceOf(t, user.token)).toEqual(before);
  });

  it('grants the credits and the bonus as two grants once, however often and in whatever order the paid events arrive', async () => {
    const user = await newUser(t, admin, 'paid');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    const completed = stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid'));

    // Three copies of one event, and at the same time another event about the same paid session.
    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', fake.settleSession(session.id, 'paid'));
    const answers = await Promise.all([completed, completed, completed, succeeded].map((e) => deliver(t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(
      answers
        .slice(0, 3)
        .map((a) => a.body.outcome)
        .sort(),
    ).toEqual(['already-applied', 'already-applied', 'applied']);
    // Later: both again, and a new event about the same session.
    expect((await deliver(t, completed)).body.outcome).toBe('already-applied');
    expect((await deliver(t, succeeded)).body.outcome).toBe('already-applied');
    expect((await deliver(t, stripeEvent('checkout.session.completed', fake.checkoutSessions.get(session.id)!))).body.outcome).toBe('applied');

    const credits = parseCredits(pkg.credits);
    const bonus = parseCredits(pkg.bonusCredits);
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + credits + bonus);
    expect((await purchases(t, user.token)).map((p) => p.amount).sort()).toEqual([pkg.bonusCredits, pkg.credits].sort());
    const [payment] = (await payments(t, user.token)).nodes;
    expect(payment).toMatchObject({ status: 'PAID', creditsGranted: formatCredits(credits + bonus) });
    expect(payment.paidAt).toBeTruthy();
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('grants a delayed payment once when it settles, not when the session completes unpaid', async () => {
    const user = await newUser(t, admin, 'delayed');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    expect((await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'unpaid')))).status).toBe(200);
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect((await payments(t, user.token)).nodes[0].status).toBe('PENDING');

    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', fake.settleSession(session.id, 'paid'));
    await Promise.all([deliver(t, succeeded), deliver(t, succeeded)]);
    // A late redelivery of the unpaid `completed` (a new delivery of an old state) changes nothing.
    await deliver(t, stripeEvent('checkout.session.completed', { ...fake.checkoutSessions.get(session.id)!, payment_status: 'unpaid' }));
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    expect(await purchases(t, user.token)).toHaveLength(2);
    expect((await payments(t, user.token)).nodes[0].status).toBe('PAID');
  });

  it('grants nothing for a delayed payment that fails, and marks the payment FAILED', async () => {
    const user = await newUser(t, admin, 'failed');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'unpaid')));
    const failed = stripeEvent('checkout.session.async_payment_failed', fake.settleSession(session.id, 'failed'));
    expect((await deliver(t, failed)).status).toBe(200);
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await purchases(t, user.token)).toEqual([]);
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'FAILED', creditsGranted: '0.000000' });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('cancels a session that expired unpaid, and acknowledges a paid session it did not open without granting anything', async () => {
    const user = await newUser(t, admin, 'expired');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    expect((await deliver(t, stripeEvent('checkout.session.expired', { ...fake.checkoutSessions.get(session.id)!, status: 'expired' }))).status).toBe(200);
    expect((await payments(t, user.token)).nodes[0].status).toBe('CANCELED');

    const rows = await writtenRows(t);
    const foreign = {
      ...fake.checkoutSessions.get(session.id)!,
      id: 'cs_test_someone_elses',
      payment_status: 'paid',
      status: 'complete',
      client_reference_id: user.id,
    };
    expect(await deliver(t, stripeEvent('checkout.session.completed', foreign))).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await writtenRows(t)).toEqual(rows);
    expect(await balanceOf(t, user.token)).toEqual(before);
  });

  it('rolls the grants back with the event when applying it fails, and grants once when Stripe retries', async () => {
    const user = await newUser(t, admin, 'retry');
    const before = await balanceOf(t, user.token);
    const session = await buy(t, user.token, pkg.code);
    // Fails the payment's update to PAID, which comes after both grants in the same transaction.
    await t.app.sql.query(
      `create function tollgate_test_refuse_paid() returns trigger language plpgsql as $$ begin raise exception 'payment row unavailable'; end $$`,
    );
    await t.app.sql.query(
      `create trigger tollgate_test_refuse_paid before update on payment for each row when (new.status = 'paid') execute function tollgate_test_refuse_paid()`,
    );
    const completed = stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid'));
    try {
      expect((await deliver(t, completed)).status).toBe(500);
      expect(await balanceOf(t, user.token)).toEqual(before);
      expect(await purchases(t, user.token)).toEqual([]);
    } finally {
      await t.app.sql.query(`drop trigger tollgate_test_refuse_paid on payment; drop function tollgate_test_refuse_paid()`);
    }
    expect((await deliver(t, completed)).body.outcome).toBe('applied');
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    expect(await purchases(t, user.token)).toHaveLength(2);
  });

  it('creates one Stripe customer per user, even for concurrent purchases, and answers a repeated idempotency key with the same session', async () => {
    const user = await newUser(t, admin, 'customer');
    const sessions = await Promise.all([1, 2, 3].map((i) => buy(t, user.token, pkg.code, `click-${i}`)));
    const customers = new Set(sessions.map((s) => fake.checkoutSessions.get(s.id)!.customer));
    expect(customers.size).toBe(1);
    expect([...fake.customers.values()].filter((c) => c.metadata.tollgate_user_id === user.id)).toHaveLength(1);
    expect(await t.app.sql.query(`select stripe_customer_id from billing_customer where user_id = $1`, [user.id])).toEqual([
      { stripe_customer_id: [...customers][0] },
    ]);

    const again = await Promise.all([buy(t, user.token, pkg.code, 'click-1'), buy(t, user.token, pkg.code, 'click-1')]);
    expect(again).toEqual([sessions[0], sessions[0]]);
    expect((await payments(t, user.token)).totalCount).toBe(3);
    const other = await t.gql(BUY, { i: { packageCode: 'starter-does-not-exist', idempotencyKey: 'click-1' } }, user.token);
    expect(errorCode(other)).toBe('NOT_FOUND');
  });

  it('charges the current price of a package repriced since the last sync, syncing it first', async () => {
    const user = await newUser(t, admin, 'repriced');
    const code = (await t.app.sql.query(`select code from credit_package where active and code <> $1 order by code limit 1`, [pkg.code]))[0]!.code as string;
    const [{ price_cents: was }] = await t.app.sql.query(
      `update credit_package set price_cents = price_cents + 100 where code = $1 returning price_cents - 100 as price_cents`,
      [code],
    );
    try {
      const session = await buy(t, user.token, code);
      const stored = fake.checkoutSessions.get(session.id)!;
      expect(stored.amount_total).toBe(was + 100);
      const current = [...fake.prices.values()].find((p) => p.lookup_key === `tollgate_package_${code}`)!;
      expect(current.unit_amount).toBe(was + 100);
      expect((await payments(t, user.token)).nodes[0].amountUsd).toBe(`${Math.floor((was + 100) / 100)}.${String((was + 100) % 100).padStart(2, '0')}`);
    } finally {
      await t.app.sql.query(`update credit_package set price_cents = $2 where code = $1`, [code, was]);
    }
  });

  it('refuses an unknown package with NOT_FOUND and a coupon with NOT_FOUND, writing nothing and calling Stripe for nothing', async () => {
    const user = await newUser(t, admin, 'refused');
    const rows = await writtenRows(t);
    const calls = fake.requests.length;
    expect(errorCode(await t.gql(BUY, { i: { packageCode: 'no-such-package' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: 'WELCOME' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(BUY, { i: { packageCode: '' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(BUY, { i: { packageCode: pkg.code, idempotencyKey: 'k'.repeat(201) } }, user.token))).toBe('BAD_USER_INPUT');
    expect(await writtenRows(t)).toEqual(rows);
    expect(fake.requests.length).toBe(calls);
  });
});
