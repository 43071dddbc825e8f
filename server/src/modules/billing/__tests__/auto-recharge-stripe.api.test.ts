import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, keyFor, ledgerAudit, newUser, setAvailable, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { autoRecharge, autoRechargePayments, credits, SET, setAutoRecharge, spendConcurrently } from './auto-recharge-support.js';
import { buy, deliver, packageWithBonus, purchases, redisEnv, stripeEvent, WEBHOOK_SECRET, writtenRows, type Package } from './billing-support.js';
import { FakePaymentIntents } from './fakes/fake-stripe-payment-intents.js';
import { FakeStripe } from './fakes/fake-stripe.js';

describe('auto-recharge through Stripe (off-session PaymentIntents)', () => {
  let fake: FakeStripe;
  let cards: FakePaymentIntents;
  let t: TestApp;
  let admin: string;
  let pkg: Package;
  let packageCredits: bigint;

  /** A user who bought the package once through Checkout (so has a customer) and, unless told otherwise, a saved card. */
  async function customerWithCard(tag: string, card: 'default' | 'saved' | 'none' = 'default'): Promise<User & { customer: string }> {
    const user = await newUser(t, admin, tag);
    const session = await buy(t, user.token, pkg.code);
    expect((await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid')))).status).toBe(200);
    const customer = fake.checkoutSessions.get(session.id)!.customer as string;
    if (card !== 'none') cards.saveCard(customer, { asDefault: card === 'default' });
    return { ...user, customer };
  }

  const intentsOf = (userId: string) => [...cards.paymentIntents.values()].filter((pi) => pi.metadata.tollgate_user_id === userId);
  const createsOf = (userId: string) => fake.calls('POST', '/v1/payment_intents').filter((c) => c.params.metadata?.tollgate_user_id === userId);

  beforeAll(async () => {
    fake = await new FakeStripe().start();
    cards = new FakePaymentIntents(fake);
    t = await startTestApp({
      STRIPE_SECRET_KEY: 'sk_test_tollgate',
      STRIPE_API_URL: fake.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ...redisEnv('auto-recharge'),
    });
    await t.app.billing.syncCatalog();
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
    packageCredits = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  it('charges once per crossing under 50 concurrent spends, grants once from the webhook, re-arms, charges again, and stops at the monthly limit', async () => {
    const user = await customerWithCard('ar-main');
    const limit = ((Number(pkg.priceUsd) * 100 * 2) / 100).toFixed(2); // room for exactly two charges
    const saved = await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: limit });
    expect(saved).toMatchObject({ enabled: true, armed: true, belowCredits: credits(100), monthlyLimitUsd: limit, spentThisMonthUsd: '0.00', lastError: null });

    // 150 available; 50 spends of 2 cross below 100 once.
    await setAvailable(t, admin, user, parseCredits(credits(150)));
    await spendConcurrently(t, user.id, 50, parseCredits(credits(2)));
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(50)));
    expect(createsOf(user.id)).toHaveLength(1);
    const [create] = createsOf(user.id);
    expect(create!.idempotencyKey).toBe(`tollgate-auto-recharge-${user.id}-1`);
    expect(create!.params).toMatchObject({
      amount: String(Math.round(Number(pkg.priceUsd) * 100)),
      currency: 'usd',
      customer: user.customer,
      off_session: 'true',
      confirm: 'true',
      metadata: { tollgate_kind: 'auto_recharge', tollgate_user_id: user.id, tollgate_package_code: pkg.code },
    });
    expect(create!.params.payment_method).toBe(fake.customers.get(user.customer)!.invoice_settings.default_payment_method);
    let rows = await autoRechargePayments(t, user.token);
    expect(rows).toEqual([expect.objectContaining({ status: 'PENDING', creditsGranted: '0.000000' })]);
    expect(await autoRecharge(t, user.token)).toMatchObject({ armed: false, spentThisMonthUsd: pkg.priceUsd });

    // Credits only from the verified payment: the event three times at once, and once more later.
    const [intent] = intentsOf(user.id);
    const succeeded = stripeEvent('payment_intent.succeeded', intent!);
    const answers = await Promise.all([succeeded, succeeded, succeeded].map((e) => deliver(t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await deliver(t, stripeEvent('payment_intent.succeeded', intent!));
    await t.app.billing.autoRecharge.idle();
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(50)) + packageCredits);
    const grants = (await purchases(t, user.token)).filter((p) => p.reference === `payment_intent:${intent!.id}`);
    expect(grants.map((g) => g.amount).sort()).toEqual([pkg.bonusCredits, pkg.credits].sort());
    rows = await autoRechargePayments(t, user.token);
    expect(rows).toEqual([expect.objectContaining({ status: 'PAID', creditsGranted: pkg.credits === '0' ? '0' : expect.any(String) })]);
    expect(parseCredits(rows[0].creditsGranted)).toBe(packageCredits);
    expect(await autoRecharge(t, user.token)).toMatchObject({ armed: true, enabled: true });

    // A second crossing charges again, with the next crossing's key.
    await setAvailable(t, admin, user, parseCredits(credits(120)));
    await spendConcurrently(t, user.id, 50, parseCredits(credits(1)));
    expect(createsOf(user.id).map((c) => c.idempotencyKey)).toEqual([1, 2].map((n) => `tollgate-auto-recharge-${user.id}-${n}`));
    await deliver(t, stripeEvent('payment_intent.succeeded', intentsOf(user.id)[1]!));
    await t.app.billing.autoRecharge.idle();
    expect(await autoRecharge(t, user.token)).toMatchObject({ armed: true, spentThisMonthUsd: limit });

    // A third crossing would pass the month's limit: no charge, the reason shown, still on.
    await setAvailable(t, admin, user, parseCredits(credits(120)));
    await spendConcurrently(t, user.id, 50, parseCredits(credits(1)));
    expect(createsOf(user.id)).toHaveLength(2);
    expect(await autoRechargePayments(t, user.token)).toHaveLength(2);
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: true, armed: true, disabledReason: 'monthly limit reached', spentThisMonthUsd: limit });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('uses a card saved by Checkout when the customer has no default; a declined card turns it off with the reason and grants nothing', async () => {
    const user = await customerWithCard('ar-declined', 'saved');
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '500' });
    cards.declining.add(user.customer);
    await setAvailable(t, admin, user, parseCredits(credits(110)));
    const purchasesBefore = await purchases(t, user.token);
    await spendConcurrently(t, user.id, 20, parseCredits(credits(1)));

    expect(createsOf(user.id)).toHaveLength(1);
    expect(createsOf(user.id)[0]!.params.payment_method).toBe([...cards.paymentMethods.values()].find((pm) => pm.customer === user.customer)!.id);
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'FAILED', creditsGranted: '0.000000' })]);
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: false, lastError: 'Your card was declined.' });
    // Stripe's own report of the failure changes nothing more; spending on stays without charges.
    const [failed] = intentsOf(user.id);
    expect((await deliver(t, stripeEvent('payment_intent.payment_failed', failed!))).status).toBe(200);
    await spendConcurrently(t, user.id, 5, parseCredits(credits(1)));
    expect(createsOf(user.id)).toHaveLength(1);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(85)));
    expect(await purchases(t, user.token)).toEqual(purchasesBefore);

    // Turning it on again clears the error and arms it.
    cards.declining.delete(user.customer);
    expect(await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '500' })).toMatchObject({
      enabled: true,
      armed: true,
      lastError: null,
    });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('resumes a claimed charge whose process died before Stripe answered, with the same idempotency key, once', async () => {
    const user = await customerWithCard('ar-stalled');
    await setAvailable(t, admin, user, parseCredits(credits(90)));
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '500' });
    // The claim commits, then the process is gone before it calls Stripe.
    const claim = await t.app.sql.transaction((tx) => t.app.billing.autoRecharge.store.claim(tx, user.id, false));
    expect(claim).toMatchObject({ crossing: 1 });
    await spendConcurrently(t, user.id, 5, parseCredits(credits(1)));
    expect(createsOf(user.id)).toHaveLength(0); // still young: it may be in flight
    await t.app.sql.query(`update payment set updated_at = now() - interval '10 minutes' where id = $1`, [claim!.paymentId]);
    await spendConcurrently(t, user.id, 20, parseCredits(credits(1)));
    expect(createsOf(user.id).map((c) => c.idempotencyKey)).toEqual([`tollgate-auto-recharge-${user.id}-1`]);
    const [intent] = intentsOf(user.id);
    await Promise.all([1, 2].map(() => deliver(t, stripeEvent('payment_intent.succeeded', intent!))));
    await t.app.billing.autoRecharge.idle();
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(65)) + packageCredits);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('leaves a charge pending when Stripe is unreachable (it may have charged), and asks again later with the same key', async () => {
    const user = await customerWithCard('ar-outage');
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '500' });
    cards.unavailable.add(user.customer);
    await setAvailable(t, admin, user, parseCredits(credits(101)));
    await spendConcurrently(t, user.id, 3, parseCredits(credits(1)));
    expect(createsOf(user.id).length).toBeGreaterThanOrEqual(1); // with the SDK's own retries
    expect(new Set(createsOf(user.id).map((c) => c.idempotencyKey))).toEqual(new Set([`tollgate-auto-recharge-${user.id}-1`]));
    const [pending] = await autoRechargePayments(t, user.token);
    expect(pending).toMatchObject({ status: 'PENDING' });
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: true, armed: false, lastError: null });

    cards.unavailable.delete(user.customer);
    // Stripe keeps no idempotent result for a request it refused before running it; the fake keeps every answer.
    (fake as unknown as { replays: Map<string, unknown> }).replays.clear();
    await t.app.sql.query(`update payment set updated_at = now() - interval '10 minutes' where id = $1`, [pending.id]);
    await spendConcurrently(t, user.id, 3, parseCredits(credits(1)));
    expect(intentsOf(user.id)).toHaveLength(1);
    await deliver(t, stripeEvent('payment_intent.succeeded', intentsOf(user.id)[0]!));
    await t.app.billing.autoRecharge.idle();
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(95)) + packageCredits);
  });

  it('refuses bad settings with a code and writes nothing; turning it on needs a saved card', async () => {
    const noCard = await customerWithCard('ar-nocard', 'none');
    const good = { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '100' };
    const count = async () => Number((await t.app.sql.query(`select count(*)::int as n from auto_recharge`))[0]!.n);
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [good, 'BAD_USER_INPUT'], // no saved card: "buy a package first"
      [{ ...good, packageCode: 'no-such-package' }, 'NOT_FOUND'],
      [{ ...good, packageCode: '' }, 'BAD_USER_INPUT'],
      [{ ...good, belowCredits: '0' }, 'BAD_USER_INPUT'],
      [{ ...good, belowCredits: '-5' }, 'BAD_USER_INPUT'],
      [{ ...good, monthlyLimitUsd: '1.234' }, 'BAD_USER_INPUT'],
      [{ ...good, monthlyLimitUsd: '0' }, 'BAD_USER_INPUT'],
      [{ ...good, monthlyLimitUsd: 'ten' }, 'BAD_USER_INPUT'],
      [{ ...good, monthlyLimitUsd: '0.01' }, 'BAD_USER_INPUT'], // below the package's price
      [{ ...good, monthlyLimitUsd: '100000.01' }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) expect([input, errorCode(await t.gql(SET, { i: input }, noCard.token))]).toEqual([input, code]);
    expect((await t.gql(SET, { i: good }, noCard.token)).errors![0]!.message).toContain('buy a package first');
    expect(errorCode(await t.gql(SET, { i: good }))).toBe('UNAUTHENTICATED');
    // A key that can spend must not change what the card is charged.
    const key = await keyFor(t, noCard, ['read', 'completions']);
    expect(errorCode(await t.gql(SET, { i: { ...good, enabled: false } }, key.secret))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    expect(await autoRecharge(t, noCard.token)).toBeNull();
    // Intents that are not auto-recharge's (a package's) or not this deployment's: acknowledged, nothing written.
    const rows = await writtenRows(t);
    const foreign = { id: 'pi_not_ours', object: 'payment_intent', status: 'succeeded', amount: 500, amount_received: 500, currency: 'usd' };
    for (const metadata of [
      { tollgate_kind: 'package', tollgate_user_id: noCard.id },
      { tollgate_kind: 'auto_recharge', tollgate_user_id: noCard.id, tollgate_payment_id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      expect((await deliver(t, stripeEvent('payment_intent.succeeded', { ...foreign, metadata }))).status).toBe(200);
      expect((await deliver(t, stripeEvent('payment_intent.payment_failed', { ...foreign, status: 'requires_payment_method', metadata }))).status).toBe(200);
    }
    expect(await writtenRows(t)).toEqual(rows);
    // Off needs no card.
    expect(await setAutoRecharge(t, noCard.token, { ...good, enabled: false })).toMatchObject({ enabled: false });
  });
});
