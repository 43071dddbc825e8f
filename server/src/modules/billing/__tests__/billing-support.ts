/** What the billing suites share: signed Stripe events, buying, and reading a user's payments and purchases. */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { inject } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { FakeStripe } from './fakes/fake-stripe.js';

export const WEBHOOK_SECRET = 'whsec_tollgate_billing_test';

export const BUY = `mutation($i: BuyCreditsInput!) { buyCredits(input: $i) { id url } }`;
export const PAYMENTS = `query($first: Int, $after: String) { payments(first: $first, after: $after) {
  nodes { id kind status amountUsd currency credits bonusCredits creditsGranted packageCode checkoutSessionId testMode createdAt paidAt receiptUrl }
  pageInfo { endCursor hasNextPage } totalCount } }`;
const PURCHASES = `{ creditTransactions(first: 100, types: [PURCHASE]) { nodes { amount reference description } totalCount } }`;

/** The run's Redis when there is one, under a key prefix of this file's own. */
export function redisEnv(tag: string): Record<string, string> {
  const redisUrl = inject('redisUrl');
  return redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-${tag}-${process.pid}-${randomBytes(4).toString('hex')}:` } : {};
}

/** A Stripe event envelope as Stripe sends it (on the version we pin). */
export function stripeEvent(type: string, object: Record<string, unknown>) {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** POSTs an event to the webhook, signed with the SDK's own test header. */
export async function deliver(t: TestApp, event: object): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(event);
  const res = await fetch(`${t.url}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
    body: payload,
  });
  return { status: res.status, body: await res.json() };
}

export interface Package {
  code: string;
  credits: string;
  bonusCredits: string;
  priceUsd: string;
}

/** The seeded package with a bonus (so both grants are exercised). */
export async function packageWithBonus(t: TestApp, token: string): Promise<Package> {
  const packages = ok<Package[]>(await t.gql('{ creditPackages { code credits bonusCredits priceUsd } }', {}, token), 'creditPackages');
  const pkg = packages.find((p) => p.bonusCredits !== '0.000000');
  if (!pkg) throw new Error('the seed has no package with a bonus');
  return pkg;
}

export async function buy(t: TestApp, token: string, packageCode: string, idempotencyKey?: string): Promise<{ id: string; url: string }> {
  return ok(await t.gql(BUY, { i: { packageCode, idempotencyKey } }, token), 'buyCredits');
}

export async function payments(t: TestApp, token: string, first = 100, after: string | null = null) {
  return ok(await t.gql(PAYMENTS, { first, after }, token), 'payments');
}

/** The user's PURCHASE entries (amounts as the API shows them). */
export async function purchases(t: TestApp, token: string): Promise<Array<{ amount: string; reference: string; description: string }>> {
  return ok(await t.gql(PURCHASES, {}, token), 'creditTransactions').nodes;
}

/** Rows of the billing tables and the ledger, for "nothing was written". */
export async function writtenRows(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['payment', 'billing_customer', 'ledger_entry', 'credit_grant']) {
    counts[table] = Number((await t.app.sql.query(`select count(*)::int as n from ${table}`))[0]!.n);
  }
  return counts;
}

/** What a suite against the fake Stripe starts with: the fake, an app on it with the catalog synced, an admin token, the bonus package. */
export interface StripeSuite {
  fake: FakeStripe;
  t: TestApp;
  admin: string;
  pkg: Package;
}

/** Starts a suite's fake Stripe (with the routers the caller added) and its app; `tag` keeps its Redis keys apart. */
export async function startStripeSuite(tag: string, opts: { publicUrl: string; fake?: FakeStripe }): Promise<StripeSuite> {
  const fake = await (opts.fake ?? new FakeStripe()).start();
  const t = await startTestApp({
    STRIPE_SECRET_KEY: 'sk_test_tollgate',
    STRIPE_API_URL: fake.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_URL: opts.publicUrl,
    ...redisEnv(tag),
  });
  await t.app.billing.syncCatalog();
  const admin = await signInAdmin(t);
  return { fake, t, admin, pkg: await packageWithBonus(t, admin) };
}

export async function stopStripeSuite(suite: StripeSuite | undefined): Promise<void> {
  await suite?.t.stop();
  await suite?.fake.stop();
}
