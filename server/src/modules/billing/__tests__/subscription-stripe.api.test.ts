import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit, newUser, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { deliver, payments, redisEnv, stripeEvent, WEBHOOK_SECRET, writtenRows } from './billing-support.js';
import { FakeStripe, type StripeObject } from './fakes/fake-stripe.js';
import { FakeStripeSubscriptions } from './fakes/fake-stripe-subscriptions.js';
import {
  CANCEL,
  CHANGE,
  CREDIT,
  entries,
  PORTAL,
  RESUME,
  SUBSCRIBE,
  subscribe,
  subscription,
  subscriptionRows,
  spend,
  tierOf,
} from './subscription-support.js';

const PUBLIC_URL = 'https://tollgate.example';
const credits = (amount: string) => BigInt(amount.replace('-', '').replace('.', '')) * (amount.startsWith('-') ? -1n : 1n);

/** Every event twice, in a shuffled order, all at once: what Stripe's at-least-once, unordered delivery allows. */
async function deliverShuffled(t: TestApp, events: object[]): Promise<void> {
  const copies = [...events, ...events]
    .map((e) => ({ e, k: Math.random() }))
    .sort((a, b) => a.k - b.k)
    .map(({ e }) => e);
  const answers = await Promise.all(copies.map((e) => deliver(t, e)));
  expect(answers.map((a) => a.status)).toEqual(copies.map(() => 200));
}

describe('subscriptions through Stripe (fake) and signed webhooks', () => {
  let fake: FakeStripe;
  let billing: FakeStripeSubscriptions;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    fake = new FakeStripe();
    billing = new FakeStripeSubscriptions(fake);
    await fake.start();
    t = await startTestApp({
      STRIPE_SECRET_KEY: 'sk_test_tollgate',
      STRIPE_API_URL: fake.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PUBLIC_URL,
      ...redisEnv('sub-stripe'),
    });
    // A paid tier whose rule carries nothing over (the seeded paid tiers are capped or full).
    await t.app.sql
      .query(`insert into tier select 'basic', 'Basic', monthly_price_cents, monthly_credits, 'none', null, monthly_token_allowance, monthly_request_cap,
      max_tokens_per_request, requests_per_minute, allowed_price_classes, allowed_models, byok_allowed, markup_bps, 9, now() from tier where code = 'starter'`);
    await t.app.billing.syncCatalog();
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  /** A user subscribed to `tier` through Checkout, every activation event delivered; returns the Stripe subscription id. */
  async function subscribed(tag: string, tier: string): Promise<{ user: User; subId: string; signup: bigint }> {
    const user = await newUser(t, admin, tag);
    const signup = (await balanceOf(t, user.token)).balance;
    const session = await subscribe(t, user.token, tier);
    const done = billing.completeCheckout(session.id);
    await deliverShuffled(t, [
      stripeEvent('checkout.session.completed', done.session),
      stripeEvent('customer.subscription.created', done.subscription),
      stripeEvent('invoice.paid', done.invoice),
      stripeEvent('invoice.payment_succeeded', done.invoice),
    ]);
    return { user, subId: done.subscription.id, signup };
  }

  /** The next period through Stripe: the renewal's events, shuffled and duplicated. */
  async function renew(subId: string): Promise<StripeObject> {
    const { subscription: sub, invoice } = billing.renew(subId);
    await deliverShuffled(t, [
      stripeEvent('customer.subscription.updated', sub),
      stripeEvent('invoice.paid', invoice),
      stripeEvent('invoice.payment_succeeded', invoice),
    ]);
    return invoice;
  }

  it('subscribe opens a subscription-mode Checkout for the tier price, with the user on the session and the subscription, and grants nothing', async () => {
    const user = await newUser(t, admin, 'sub-open');
    const before = await balanceOf(t, user.token);
    const session = await subscribe(t, user.token, 'pro');
    const stored = fake.checkoutSessions.get(session.id)!;
    expect(session.url).toBe(stored.url);
    const price = [...fake.prices.values()].find((p) => p.lookup_key === 'tollgate_tier_pro')!;
    const metadata = { tollgate_kind: 'subscription', tollgate_user_id: user.id, tollgate_tier_code: 'pro' };
    expect(stored).toMatchObject({ mode: 'subscription', client_reference_id: user.id, metadata });
    const create = fake.calls('POST', '/v1/checkout/sessions').find((c) => c.params.client_reference_id === user.id)!;
    expect(create.params).toMatchObject({ line_items: [{ price: price.id, quantity: '1' }], subscription_data: { metadata } });
    expect(price.recurring).toMatchObject({ interval: 'month' });
    expect((await t.gql(`{ subscription { status } }`, {}, user.token)).data).toEqual({ subscription: null });
    expect(await balanceOf(t, user.token)).toEqual(before);
  });

  it('activates once: the tier, the allocation expiring at the period end and the payment, whatever the order and however often events arrive', async () => {
    const { user, subId, signup } = await subscribed('sub-activate', 'starter');
    expect((await balanceOf(t, user.token)).balance).toBe(signup + 1000n * CREDIT);
    const sub = await subscription(t, user.token);
    const periodEnd = billing.snapshot(subId).items.data[0].current_period_end;
    expect(sub).toMatchObject({ status: 'ACTIVE', tier: { code: 'starter' }, cancelAtPeriodEnd: false, pendingTier: null, testMode: false });
    expect(new Date(sub.currentPeriodEnd).getTime()).toBe(periodEnd * 1000);
    expect(await tierOf(t, user.token)).toBe('starter');
    const [grant] = await t.app.sql.query(
      `select g.amount, g.expires_at, g.source from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 and g.source = 'subscription'`,
      [user.id],
    );
    expect(grant).toMatchObject({ amount: String(1000n * CREDIT), source: 'subscription' });
    expect(grant!.expires_at.getTime()).toBe(periodEnd * 1000);
    const invoice = billing.latestInvoice(subId);
    const [payment] = (await payments(t, user.token)).nodes;
    expect(payment).toMatchObject({ kind: 'SUBSCRIPTION', status: 'PAID', amountUsd: '9.00', creditsGranted: '1000.000000', testMode: false });
    const [row] = await t.app.sql.query(`select stripe_payment_intent_id, stripe_subscription_id from payment where stripe_invoice_id = $1`, [invoice.id]);
    expect(invoice.payments).toBeUndefined(); // includable: listed by the handler
    expect(row).toEqual({ stripe_payment_intent_id: billing.paymentsOf(invoice.id)[0]!.payment.payment_intent, stripe_subscription_id: subId });
    // Days later: a new event about the same paid invoice grants nothing.
    expect((await deliver(t, stripeEvent('invoice.paid', invoice))).status).toBe(200);
    expect(await entries(t, user.token, ['SUBSCRIPTION'])).toHaveLength(1);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('rolls the allocation back with the event when applying it fails, and allocates once when Stripe retries', async () => {
    const user = await newUser(t, admin, 'sub-retry');
    const before = await balanceOf(t, user.token);
    const done = billing.completeCheckout((await subscribe(t, user.token, 'starter')).id);
    const paid = stripeEvent('invoice.paid', done.invoice);
    // Fails the payment's update to PAID, which comes after the grant in the same transaction.
    await t.app.sql.query(
      `create function tollgate_test_refuse_sub_paid() returns trigger language plpgsql as $$ begin raise exception 'payment row unavailable'; end $$`,
    );
    await t.app.sql.query(
      `create trigger tollgate_test_refuse_sub_paid before update on payment for each row when (new.status = 'paid' and new.kind = 'subscription') execute function tollgate_test_refuse_sub_paid()`,
    );
    try {
      expect((await deliver(t, paid)).status).toBe(500);
      expect(await balanceOf(t, user.token)).toEqual(before);
      expect(await entries(t, user.token, ['SUBSCRIPTION'])).toEqual([]);
      expect(await tierOf(t, user.token)).toBe('free');
    } finally {
      await t.app.sql.query(`drop trigger tollgate_test_refuse_sub_paid on payment; drop function tollgate_test_refuse_sub_paid()`);
    }
    await deliverShuffled(t, [paid, stripeEvent('invoice.payment_succeeded', done.invoice)]);
    expect((await balanceOf(t, user.token)).balance).toBe(before.balance + 1000n * CREDIT);
    expect(await entries(t, user.token, ['SUBSCRIPTION'])).toHaveLength(1);
    expect(await tierOf(t, user.token)).toBe('starter');
  });

  for (const [tier, monthly, spent, rolled] of [
    ['basic', 1000n, 300n, 0n], // none: nothing carries over
    ['starter', 1000n, 300n, 500n], // capped at 500
    ['enterprise', 12500n, 500n, 12000n], // full
  ] as const) {
    it(`renews ${tier}: the unused allocation expires, ${rolled} credits roll over, then the new allocation lands`, async () => {
      const { user, subId, signup } = await subscribed(`sub-renew-${tier}`, tier);
      // Spend the sign-up credit (it burns first) and `spent` of the allocation.
      await spend(t, admin, user.id, signup + spent * CREDIT, `renew-${tier}`);
      const invoice = await renew(subId);
      expect((await balanceOf(t, user.token)).balance).toBe((rolled + monthly) * CREDIT);
      expect((await entries(t, user.token, ['EXPIRY'])).map((e) => credits(e.amount))).toEqual([-(monthly - spent) * CREDIT]);
      expect((await entries(t, user.token, ['ROLLOVER'])).map((e) => credits(e.amount))).toEqual(rolled > 0n ? [rolled * CREDIT] : []);
      expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => credits(e.amount))).toEqual([monthly * CREDIT, monthly * CREDIT]);
      const [row] = await t.app.sql.query(`select status, credits_granted from payment where stripe_invoice_id = $1`, [invoice.id]);
      expect(row).toEqual({ status: 'paid', credits_granted: String(monthly * CREDIT) });
      expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    });
  }

  it('caps what rolls over at the tier cap, counting the earlier rollover as part of the period (pro: 3500)', async () => {
    const { user, subId, signup } = await subscribed('sub-renew-pro', 'pro');
    await spend(t, admin, user.id, signup + 1000n * CREDIT, 'renew-pro');
    await renew(subId); // 2500 unused → rolls over whole
    await renew(subId); // 2500 + 3500 unused → 3500
    expect((await entries(t, user.token, ['ROLLOVER'])).map((e) => credits(e.amount))).toEqual([2500n * CREDIT, 3500n * CREDIT]);
    expect((await balanceOf(t, user.token)).balance).toBe(7000n * CREDIT);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('goes PAST_DUE on a failed renewal without allocating, recovers on the paid retry, and a late failure changes nothing', async () => {
    const { user, subId } = await subscribed('sub-past-due', 'starter');
    const { subscription: pastDue, invoice } = billing.renew(subId, 'failed');
    const failed = stripeEvent('invoice.payment_failed', invoice);
    await deliverShuffled(t, [failed, stripeEvent('customer.subscription.updated', pastDue)]);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'PAST_DUE', tier: { code: 'starter' } });
    expect(await entries(t, user.token, ['SUBSCRIPTION'])).toHaveLength(1);
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'FAILED', creditsGranted: '0.000000' });

    const paid = billing.payInvoice(invoice.id);
    await deliverShuffled(t, [stripeEvent('invoice.paid', paid), stripeEvent('customer.subscription.updated', billing.snapshot(subId))]);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'ACTIVE' });
    expect(await entries(t, user.token, ['SUBSCRIPTION'])).toHaveLength(2);
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'PAID', creditsGranted: '1000.000000' });
    // The failure again, as a new event carrying the old state: the re-read says active.
    await deliver(t, stripeEvent('invoice.payment_failed', invoice));
    await deliver(t, stripeEvent('customer.subscription.updated', pastDue));
    expect(await subscription(t, user.token)).toMatchObject({ status: 'ACTIVE' });
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'PAID' });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('upgrades at once: Stripe prorates, and the paid proration invoice grants the exact extra credits and the tier', async () => {
    const { user, subId, signup } = await subscribed('sub-upgrade', 'starter');
    const changed = (await t.gql(CHANGE, { t: 'pro' }, user.token)).data?.changeSubscription;
    expect(changed).toMatchObject({ tier: { code: 'starter' }, pendingTier: { code: 'pro' } });
    const update = fake.calls('POST', `/v1/subscriptions/${subId}`).at(-1)!;
    const proPrice = [...fake.prices.values()].find((p) => p.lookup_key === 'tollgate_tier_pro')!;
    expect(update.params).toMatchObject({ proration_behavior: 'always_invoice', items: [{ price: proPrice.id }] });
    const invoice = billing.latestInvoice(subId);
    expect(invoice.billing_reason).toBe('subscription_update');
    await deliverShuffled(t, [
      stripeEvent('invoice.paid', invoice),
      stripeEvent('invoice.payment_succeeded', invoice),
      stripeEvent('customer.subscription.updated', billing.snapshot(subId)),
    ]);

    const line = invoice.lines.data.find((l: StripeObject) => l.amount > 0);
    const item = billing.snapshot(subId).items.data[0];
    const expected = (2500n * CREDIT * BigInt(line.period.end - line.period.start)) / BigInt(item.current_period_end - item.current_period_start);
    expect((await balanceOf(t, user.token)).balance).toBe(signup + 1000n * CREDIT + expected);
    expect(await subscription(t, user.token)).toMatchObject({ tier: { code: 'pro' }, pendingTier: null, status: 'ACTIVE' });
    expect(await tierOf(t, user.token)).toBe('pro');
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('downgrades at the period end: pendingTier until the renewal, then the lower tier and its allocation', async () => {
    const { user, subId } = await subscribed('sub-downgrade', 'pro');
    const changed = (await t.gql(CHANGE, { t: 'starter' }, user.token)).data?.changeSubscription;
    expect(changed).toMatchObject({ tier: { code: 'pro' }, pendingTier: { code: 'starter' } });
    expect(fake.calls('POST', `/v1/subscriptions/${subId}`).at(-1)!.params).toMatchObject({ proration_behavior: 'none' });
    await deliver(t, stripeEvent('customer.subscription.updated', billing.snapshot(subId)));
    expect(await tierOf(t, user.token)).toBe('pro');
    expect(errorCode(await t.gql(CHANGE, { t: 'starter' }, user.token))).toBe('BAD_USER_INPUT');
    await renew(subId);
    expect(await subscription(t, user.token)).toMatchObject({ tier: { code: 'starter' }, pendingTier: null });
    expect(await tierOf(t, user.token)).toBe('starter');
    expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => credits(e.amount))).toEqual([3500n * CREDIT, 1000n * CREDIT]);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('cancels and resumes at the period end; deletion puts the user back on free, and a late update does not revive it', async () => {
    const { user, subId } = await subscribed('sub-cancel', 'starter');
    const before = await balanceOf(t, user.token);
    expect((await t.gql(CANCEL, {}, user.token)).data?.cancelSubscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'ACTIVE' });
    expect(billing.snapshot(subId).cancel_at_period_end).toBe(true);
    expect((await t.gql(RESUME, {}, user.token)).data?.resumeSubscription).toMatchObject({ cancelAtPeriodEnd: false });
    expect(billing.snapshot(subId).cancel_at_period_end).toBe(false);
    await t.gql(CANCEL, {}, user.token);
    const live = billing.snapshot(subId);
    const deleted = billing.remove(subId);
    await deliverShuffled(t, [stripeEvent('customer.subscription.deleted', deleted), stripeEvent('customer.subscription.updated', live)]);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'CANCELED' });
    expect(await tierOf(t, user.token)).toBe('free');
    expect(await balanceOf(t, user.token)).toEqual(before);
    await deliver(t, stripeEvent('customer.subscription.updated', live));
    expect(await subscription(t, user.token)).toMatchObject({ status: 'CANCELED' });
    // Ended: a new subscription may start.
    expect((await t.gql(SUBSCRIBE, { i: { tierCode: 'starter' } }, user.token)).data?.subscribe.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('takes changes made in the Customer Portal from the webhooks: a plan switch shows as pending, a cancellation as cancelAtPeriodEnd', async () => {
    const { user, subId } = await subscribed('sub-portal-change', 'pro');
    // What the portal does on Stripe's side (with proration off): the item's price switched, the cancellation flagged.
    const sub = billing.subscriptions.get(subId)!;
    sub.items.data[0].price = structuredClone([...fake.prices.values()].find((p) => p.lookup_key === 'tollgate_tier_starter')!);
    sub.cancel_at_period_end = true;
    await deliverShuffled(t, [stripeEvent('customer.subscription.updated', billing.snapshot(subId))]);
    expect(await subscription(t, user.token)).toMatchObject({
      tier: { code: 'pro' },
      pendingTier: { code: 'starter' },
      cancelAtPeriodEnd: true,
      status: 'ACTIVE',
    });
    expect(await tierOf(t, user.token)).toBe('pro');
  });

  it("opens Stripe's Customer Portal for the user's customer, returning to the Billing page", async () => {
    const { user } = await subscribed('sub-portal', 'starter');
    const portal = (await t.gql(PORTAL, {}, user.token)).data?.billingPortal;
    const stored = billing.portalSessions.get(portal.id)!;
    expect(portal.url).toBe(stored.url);
    expect(stored.return_url).toBe(`${PUBLIC_URL}/billing`);
    expect(fake.customers.get(stored.customer)!.metadata).toEqual({ tollgate_user_id: user.id });
  });

  it('refuses bad input with clear codes, writing nothing and calling Stripe for nothing; ignores subscriptions it did not open', async () => {
    const { user, subId } = await subscribed('sub-refuse', 'starter');
    const other = await newUser(t, admin, 'sub-none');
    const rows = { ...(await writtenRows(t)), subscription: await subscriptionRows(t) };
    const calls = fake.requests.length;
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'platinum' } }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'free' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SUBSCRIBE, { i: { tierCode: 'pro' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'starter' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'free' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(CHANGE, { t: 'pro' }, other.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CANCEL, {}, other.token))).toBe('NOT_FOUND');
    expect(fake.requests.length).toBe(calls);

    const foreign = { ...billing.snapshot(subId), id: 'sub_someone_elses', metadata: {} };
    const foreignInvoice = {
      ...billing.latestInvoice(subId),
      id: 'in_someone_elses',
      parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: 'sub_someone_elses' } },
    };
    for (const e of [stripeEvent('customer.subscription.updated', foreign), stripeEvent('invoice.paid', foreignInvoice)])
      expect((await deliver(t, e)).status).toBe(200);
    expect({ ...(await writtenRows(t)), subscription: await subscriptionRows(t) }).toEqual(rows);
  });
});
