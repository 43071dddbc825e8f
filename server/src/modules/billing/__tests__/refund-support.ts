/** What the refund, dispute, debt and fee suites share: an app on the fake Stripe with charges, and a paid package. */
import { parseCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { startTestApp } from '../../../test-support/app.js';
import { ok, signedCredits, type User } from '../../gateway/__tests__/support.js';
import { buy, deliver, packageWithBonus, redisEnv, stripeEvent, WEBHOOK_SECRET, type Package } from './billing-support.js';
import { FakeStripe, type StripeObject } from './fakes/fake-stripe.js';
import { FakeCharges } from './fakes/fake-stripe-charges.js';

export interface RefundWorld {
  fake: FakeStripe;
  charges: FakeCharges;
  t: TestApp;
}

export async function startRefundWorld(tag: string): Promise<RefundWorld> {
  const fake = await new FakeStripe().start();
  const charges = new FakeCharges(fake);
  const t = await startTestApp({
    STRIPE_SECRET_KEY: 'sk_test_tollgate',
    STRIPE_API_URL: fake.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_URL: 'https://tollgate.example',
    ...redisEnv(tag),
  });
  await t.app.billing.syncCatalog();
  return { fake, charges, t };
}

/** The package's credits plus bonus, in micro-credits. */
export const creditsOf = (pkg: Package) => parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);

/** Buys the package with a bonus through Checkout and a signed `completed` event; returns the session and its charge. */
export async function paidPackage(
  w: RefundWorld,
  admin: string,
  user: User,
  opts: { balance?: boolean } = {},
): Promise<{ pkg: Package; session: string; charge: StripeObject }> {
  const pkg = await packageWithBonus(w.t, admin);
  const session = await buy(w.t, user.token, pkg.code);
  const completed = await deliver(w.t, stripeEvent('checkout.session.completed', w.fake.completeSession(session.id, 'paid')));
  if (completed.status !== 200) throw new Error(`completed failed: ${JSON.stringify(completed.body)}`);
  return { pkg, session: session.id, charge: w.charges.charge(session.id, opts) };
}

const PAYMENTS = `{ payments(first: 100) { nodes { id status amountUsd creditsGranted receiptUrl feeUsd refundedUsd } } }`;

/** The user's payments with what refunds and fees add, newest first. */
export async function refundPayments(t: TestApp, token: string): Promise<Array<Record<string, any>>> {
  return ok(await t.gql(PAYMENTS, {}, token), 'payments').nodes;
}

const CLAWBACKS = `{ creditTransactions(first: 100, types: [CLAWBACK]) { nodes { amount reference } } }`;

/** The user's clawback entries, as signed micro-credits. */
export async function clawbacks(t: TestApp, token: string): Promise<Array<{ amount: bigint; reference: string }>> {
  const nodes = ok(await t.gql(CLAWBACKS, {}, token), 'creditTransactions').nodes as Array<{ amount: string; reference: string }>;
  return nodes.map((n) => ({ amount: signedCredits(n.amount), reference: n.reference }));
}

/** The payment row as the refund code keeps it. */
export async function paymentRow(t: TestApp, sessionId: string) {
  const [row] = await t.app.sql.query(
    `select status, credits_granted, credits_clawed_back, amount_refunded_cents, fee_cents, receipt_url, stripe_charge_id, stripe_balance_transaction_id
     from payment where checkout_session_id = $1`,
    [sessionId],
  );
  return { ...row, credits_granted: BigInt(row!.credits_granted), credits_clawed_back: BigInt(row!.credits_clawed_back) };
}

export async function debtsOf(t: TestApp, userId: string): Promise<Array<{ cause: string; credits: bigint; settled: bigint }>> {
  const rows = await t.app.sql.query(`select cause, credits, settled_credits from billing_debt where user_id = $1 order by created_at`, [userId]);
  return rows.map((r) => ({ cause: r.cause, credits: BigInt(r.credits), settled: BigInt(r.settled_credits) }));
}
