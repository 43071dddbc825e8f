import { randomUUID } from 'node:crypto';
import { formatCredits, parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { startFakeSmtp, type FakeSmtp } from '../../../test-support/fake-smtp.js';
import { balanceOf, ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { SYSTEM } from '../../ledger/index.js';
import { mailsTo } from '../../mail/__tests__/mail-support.js';
import { createCoupon, freshCode, REDEEM } from '../../promotions/__tests__/coupon-support.js';
import { CLAIM, member, send, tokenOf, type Member } from '../../promotions/__tests__/gift-support.js';
import { credits, SET as SET_AUTO_RECHARGE, spendConcurrently } from './auto-recharge-support.js';
import { BUY, deliver, packageWithBonus, PAYMENTS, redisEnv, stripeEvent, WEBHOOK_SECRET, type Package } from './billing-support.js';
import { FakeStripe } from './fakes/fake-stripe.js';
import { FakeStripeSubscriptions } from './fakes/fake-stripe-subscriptions.js';
import { CANCEL, CHANGE, CREDIT, PORTAL, RESUME, SUBSCRIBE, SUBSCRIPTION } from './subscription-support.js';
import { addMember, asTeam, makeTeam, storedTier, teamBalance, type Team } from './team-support.js';

const PUBLIC_URL = 'http://tollgate.test:8080';
/** What a plain member is told (the contract's words). */
const MANAGE_MESSAGE = 'Only an owner or admin of this team may do this';
const pagePath = (url: string) => new URL(url).pathname;

/** The test checkout's Pay (or Fail, Cancel) as the browser posts it. */
async function press(t: TestApp, url: string, action = 'pay') {
  const res = await fetch(`${t.url}${pagePath(url)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
  return res.status;
}

const packageCredits = (pkg: Package) => parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);

describe('an owner buys a package for the team through Stripe', () => {
  let fake: FakeStripe;
  let subs: FakeStripeSubscriptions;
  let smtp: FakeSmtp;
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  beforeAll(async () => {
    fake = new FakeStripe();
    subs = new FakeStripeSubscriptions(fake);
    await fake.start();
    smtp = await startFakeSmtp();
    t = await startTestApp({
      STRIPE_SECRET_KEY: 'sk_test_tollgate',
      STRIPE_API_URL: fake.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PUBLIC_URL: 'https://tollgate.example',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tollgate Test <mail@tollgate.test>',
      ...redisEnv('team-billing-stripe'),
    });
    await t.app.billing.syncCatalog();
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
    await smtp?.close();
  });

  it("bills the team's Stripe customer at the billing e-mail, credits the team once whatever the delivery, and mails the receipt there", async () => {
    const owner = await member(t, 'team-stripe-owner');
    const team = await makeTeam(t, owner);
    const ownBefore = await balanceOf(t, owner.token);
    const teamBefore = await teamBalance(t, team.id, owner.token);

    const session = ok(await asTeam(t, team.id, owner.token, BUY, { i: { packageCode: pkg.code } }), 'buyCredits');
    const stored = fake.checkoutSessions.get(session.id)!;
    expect(stored).toMatchObject({ client_reference_id: team.id, metadata: expect.objectContaining({ tollgate_user_id: team.id }) });
    // The customer is the team's, at its billing contact: never the synthetic account address, never the buyer's own.
    expect(fake.customers.get(stored.customer)).toMatchObject({ email: team.billingEmail, metadata: { tollgate_user_id: team.id } });

    const completed = stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid'));
    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', fake.settleSession(session.id, 'paid'));
    const answers = await Promise.all([completed, succeeded, completed, completed].map((e) => deliver(t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await deliver(t, completed)).body.outcome).toBe('already-applied');

    expect((await teamBalance(t, team.id, owner.token)).balance).toBe(teamBefore.balance + packageCredits(pkg));
    expect((await balanceOf(t, owner.token)).balance).toBe(ownBefore.balance);
    const paid = ok(await asTeam(t, team.id, owner.token, PAYMENTS, { first: 10 }), 'payments').nodes;
    expect(paid).toEqual([expect.objectContaining({ kind: 'PACKAGE', status: 'PAID' })]);

    const [receipt] = await mailsTo(t, admin, team.billingEmail, 'payment_receipt');
    expect(receipt).toMatchObject({ to: team.billingEmail, userId: team.id, status: 'sent', transport: 'smtp' });
    const delivered = smtp.received.filter((m) => m.subject.startsWith('Your Tollgate receipt'));
    expect(delivered.map((m) => m.to)).toEqual([[team.billingEmail]]);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it("an admin's Stripe subscription for the team: the team's tier, its receipt and its past-due notice at the billing e-mail", async () => {
    const owner = await member(t, 'team-sub-owner');
    const teamAdmin = await member(t, 'team-sub-admin');
    const team = await makeTeam(t, owner);
    await addMember(t, team.id, teamAdmin, 'admin');
    const session = ok(await asTeam(t, team.id, teamAdmin.token, SUBSCRIBE, { i: { tierCode: 'starter' } }), 'subscribe');
    expect(fake.customers.get(fake.checkoutSessions.get(session.id)!.customer)).toMatchObject({ email: team.billingEmail });
    const done = subs.completeCheckout(session.id);
    for (const e of [
      stripeEvent('checkout.session.completed', done.session),
      stripeEvent('customer.subscription.created', done.subscription),
      stripeEvent('invoice.paid', done.invoice),
    ]) {
      expect((await deliver(t, e)).status).toBe(200);
    }
    expect(await storedTier(t, team.id)).toBe('starter');
    expect(await storedTier(t, teamAdmin.id)).toBe('free');
    expect(await mailsTo(t, admin, team.billingEmail, 'payment_receipt')).toEqual([expect.objectContaining({ userId: team.id })]);

    const { subscription: pastDue, invoice } = subs.renew(done.subscription.id, 'failed');
    for (const e of [stripeEvent('invoice.payment_failed', invoice), stripeEvent('customer.subscription.updated', pastDue)]) {
      expect((await deliver(t, e)).status).toBe(200);
    }
    expect(ok(await asTeam(t, team.id, owner.token, SUBSCRIPTION), 'subscription')).toMatchObject({ status: 'PAST_DUE' });
    expect(await mailsTo(t, admin, team.billingEmail, 'past_due')).toEqual([expect.objectContaining({ userId: team.id })]);
  });

  it("a changed billing e-mail reaches the team's Stripe customer at the next checkout, and its receipts", async () => {
    const owner = await member(t, 'team-stripe-moved');
    const team = await makeTeam(t, owner);
    const first = ok(await asTeam(t, team.id, owner.token, BUY, { i: { packageCode: pkg.code } }), 'buyCredits');
    const customerId = fake.checkoutSessions.get(first.id)!.customer;
    const moved = `accounts-${randomUUID()}@example.test`;
    const UPDATE = `mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { billingEmail } }`;
    expect(ok(await t.gql(UPDATE, { i: { teamId: team.id, billingEmail: moved } }, owner.token), 'updateTeam')).toEqual({ billingEmail: moved });

    const second = ok(await asTeam(t, team.id, owner.token, BUY, { i: { packageCode: pkg.code } }), 'buyCredits');
    expect(fake.checkoutSessions.get(second.id)!.customer).toBe(customerId);
    expect(fake.customers.get(customerId)).toMatchObject({ email: moved });
    expect((await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(second.id, 'paid')))).status).toBe(200);
    expect(await mailsTo(t, admin, moved, 'payment_receipt')).toEqual([expect.objectContaining({ userId: team.id })]);
  });
});

describe('money on a team in test mode: owners and admins buy, subscribe, recharge, redeem and claim; members are refused', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;
  let owner: Member;
  let teamAdmin: Member;
  let plain: Member;
  let team: Team;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('team-billing-tm') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
    owner = await member(t, 'team-owner');
    teamAdmin = await member(t, 'team-admin');
    plain = await member(t, 'team-member');
    team = await makeTeam(t, owner);
    await addMember(t, team.id, teamAdmin, 'admin');
    await addMember(t, team.id, plain, 'member');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('the test checkout credits the team once, however often Pay is posted, and the receipt goes to the billing e-mail', async () => {
    const before = await teamBalance(t, team.id, owner.token);
    const ownBefore = await balanceOf(t, owner.token);
    const session = ok(await asTeam(t, team.id, owner.token, BUY, { i: { packageCode: pkg.code } }), 'buyCredits');
    expect(await Promise.all([press(t, session.url), press(t, session.url), press(t, session.url)])).toEqual([303, 303, 303]);

    expect((await teamBalance(t, team.id, owner.token)).balance).toBe(before.balance + packageCredits(pkg));
    expect((await balanceOf(t, owner.token)).balance).toBe(ownBefore.balance);
    const receipts = await mailsTo(t, admin, team.billingEmail, 'payment_receipt');
    expect(receipts).toEqual([expect.objectContaining({ to: team.billingEmail, userId: team.id })]);
    expect(await mailsTo(t, admin, owner.email, 'payment_receipt', 0)).toEqual([]);
  });

  it("an admin subscribes the team: the team's tier changes, not the admin's; change and cancel act on the team's subscription", async () => {
    const before = await teamBalance(t, team.id, teamAdmin.token);
    const session = ok(await asTeam(t, team.id, teamAdmin.token, SUBSCRIBE, { i: { tierCode: 'starter' } }), 'subscribe');
    expect(await press(t, session.url)).toBe(303);

    expect(await storedTier(t, team.id)).toBe('starter');
    expect(await storedTier(t, teamAdmin.id)).toBe('free');
    expect(ok(await asTeam(t, team.id, plain.token, SUBSCRIPTION), 'subscription')).toMatchObject({ status: 'ACTIVE', tier: { code: 'starter' } });
    expect((await t.gql(SUBSCRIPTION, {}, teamAdmin.token)).data).toEqual({ subscription: null });
    expect((await teamBalance(t, team.id, teamAdmin.token)).balance).toBe(before.balance + 1000n * CREDIT);

    expect(ok(await asTeam(t, team.id, owner.token, CHANGE, { t: 'pro' }), 'changeSubscription')).toMatchObject({ tier: { code: 'pro' } });
    expect(await storedTier(t, team.id)).toBe('pro');
    expect(ok(await asTeam(t, team.id, teamAdmin.token, CANCEL), 'cancelSubscription')).toMatchObject({ cancelAtPeriodEnd: true });
    expect(ok(await asTeam(t, team.id, teamAdmin.token, RESUME), 'resumeSubscription')).toMatchObject({ cancelAtPeriodEnd: false });
  });

  it("auto-recharge set by an admin recharges the team's pool once per crossing", async () => {
    const settings = { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '1000' };
    expect(ok(await asTeam(t, team.id, teamAdmin.token, SET_AUTO_RECHARGE, { i: settings }), 'setAutoRecharge')).toMatchObject({ enabled: true });
    const { available } = await teamBalance(t, team.id, owner.token);
    const target = parseCredits(credits(150));
    const input = { userId: team.id, amount: formatCredits(available - target), reason: 'team test setup', idempotencyKey: randomUUID() };
    ok(await t.gql(`mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }`, { i: input }, admin), 'adminDeductCredits');

    await spendConcurrently(t, team.id, 30, parseCredits(credits(2)));
    const recharges = ok(await asTeam(t, team.id, owner.token, PAYMENTS, { first: 50 }), 'payments').nodes.filter(
      (p: { kind: string }) => p.kind === 'AUTO_RECHARGE',
    );
    expect(recharges).toEqual([expect.objectContaining({ status: 'PAID', testMode: true })]);
    expect((await teamBalance(t, team.id, owner.token)).available).toBe(parseCredits(credits(90)) + packageCredits(pkg));
  });

  it('a coupon redeemed and a gift claimed by an owner or admin acting for the team credit the team', async () => {
    const code = freshCode('TEAM');
    await createCoupon(t, admin, { code, kind: 'CREDITS', credits: '25' });
    const before = await teamBalance(t, team.id, owner.token);
    const ownBefore = await balanceOf(t, owner.token);
    expect(ok(await asTeam(t, team.id, owner.token, REDEEM, { c: code }), 'redeemCoupon')).toMatchObject({ credits: '25.000000' });
    // One use per account and per person: not again for this team (by its admin), nor for another team of the owner's, nor for the owner.
    const second = await makeTeam(t, owner);
    for (const res of [
      await asTeam(t, team.id, teamAdmin.token, REDEEM, { c: code }),
      await asTeam(t, second.id, owner.token, REDEEM, { c: code }),
      await t.gql(REDEEM, { c: code }, owner.token),
    ]) {
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_REDEEMED' });
    }
    expect((await teamBalance(t, second.id, owner.token)).balance).toBe(0n);

    const giver = await member(t, 'team-giver');
    const gift = ok(await send(t, giver, { recipientEmail: `nobody-${randomUUID()}@example.test`, credits: '3' }), 'sendGift');
    const adminOwnBefore = await balanceOf(t, teamAdmin.token);
    expect(ok(await asTeam(t, team.id, teamAdmin.token, CLAIM, { t: tokenOf(gift.claimUrl) }), 'claimGift')).toMatchObject({ status: 'CLAIMED' });

    expect((await teamBalance(t, team.id, owner.token)).balance).toBe(before.balance + 28n * CREDIT);
    expect((await balanceOf(t, owner.token)).balance).toBe(ownBefore.balance);
    expect((await balanceOf(t, teamAdmin.token)).balance).toBe(adminOwnBefore.balance);
  });

  it("the team's low-balance notice goes to its billing e-mail", async () => {
    const { balance } = await teamBalance(t, team.id, owner.token);
    const SET_THRESHOLD = `mutation($c: Credits!) { setLowBalanceThreshold(threshold: $c) { lowBalanceThreshold } }`;
    ok(await asTeam(t, team.id, owner.token, SET_THRESHOLD, { c: formatCredits(balance) }), 'setLowBalanceThreshold');
    await t.app.services.ledger.spend({ userId: team.id, amount: CREDIT, idempotencyKey: randomUUID(), actor: SYSTEM, description: 'team test spend' });
    expect(await mailsTo(t, admin, team.billingEmail, 'low_balance')).toEqual([expect.objectContaining({ to: team.billingEmail, userId: team.id })]);
  });

  it("a plain member is refused every operation on the team's money with FORBIDDEN, and nothing is written; they still read the balance", async () => {
    const code = freshCode('MEMBER');
    await createCoupon(t, admin, { code, kind: 'CREDITS', credits: '5' });
    const giver = await member(t, 'member-giver');
    const gift = ok(await send(t, giver, { recipientEmail: `nobody-${randomUUID()}@example.test`, credits: '1' }), 'sendGift');
    const before = await written(t);
    const balance = await teamBalance(t, team.id, plain.token);

    const attempts: Array<[string, Record<string, unknown>]> = [
      [BUY, { i: { packageCode: pkg.code } }],
      [SUBSCRIBE, { i: { tierCode: 'starter' } }],
      [CHANGE, { t: 'starter' }],
      [CANCEL, {}],
      [RESUME, {}],
      [PORTAL, {}],
      [SET_AUTO_RECHARGE, { i: { enabled: false, belowCredits: credits(1), packageCode: pkg.code, monthlyLimitUsd: '1' } }],
      [REDEEM, { c: code }],
      [CLAIM, { t: tokenOf(gift.claimUrl) }],
      [`mutation { claimPendingGifts { id } }`, {}],
      [`mutation { switchTier(tier: "free") { id } }`, {}],
      [`mutation { setLowBalanceThreshold(threshold: "1") { lowBalanceThreshold } }`, {}],
      [`mutation($i: SetProviderKeyInput!) { setProviderKey(input: $i) { id } }`, { i: { provider: 'openai', apiKey: 'sk-test-member-0000' } }],
      [`mutation($id: ID!) { deleteProviderKey(id: $id) { id } }`, { id: randomUUID() }],
    ];
    for (const [query, variables] of attempts) {
      const res = await asTeam(t, team.id, plain.token, query, variables);
      expect({ query, code: errorCode(res), message: res.errors?.[0]?.message }).toEqual({ query, code: 'FORBIDDEN', message: MANAGE_MESSAGE });
    }
    expect(await written(t)).toEqual(before);
    expect(await teamBalance(t, team.id, plain.token)).toEqual(balance);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

/** What a refused money operation could have written, anywhere. */
async function written(t: TestApp): Promise<Record<string, unknown>> {
  const counts: Record<string, unknown> = {};
  for (const table of ['payment', 'billing_customer', 'ledger_entry', 'credit_grant', 'subscription', 'coupon_redemption', 'provider_key']) {
    counts[table] = (await t.app.sql.query(`select count(*)::int as n from ${table}`))[0]!.n;
  }
  counts.autoRecharge = await t.app.sql.query(`select user_id, enabled, below_credits, package_code from auto_recharge order by user_id`);
  counts.gifts = await t.app.sql.query(`select id, status, recipient_id from gift order by id`);
  counts.tiers = await t.app.sql.query(`select id, tier_code from app_user order by id`);
  counts.thresholds = await t.app.sql.query(`select user_id, low_balance_threshold from credit_account order by user_id`);
  return counts;
}
