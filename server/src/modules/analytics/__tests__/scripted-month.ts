/**
 * The analytics exactness scenario (docs/analytics.md): a small "month" driven through the real
 * paths — GraphQL, signed Stripe webhooks to the fake Stripe, completions through the gateway on
 * fake OpenAI and Anthropic servers, a cache hit, BYOK calls, a subscription renewal (which expires
 * the first allocation and rolls some over), an expiring admin grant swept by the ledger, a partial
 * refund and a dispute — plus yesterday's
 * calls recorded through our own UsageStore (the only place an event's time can be set honestly).
 * The figures it should produce are hand-computed in scripted-month.expected.ts.
 */
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { fakeKey, SET_KEY } from '../../gateway/byok/__tests__/byok-helpers.js';
import { FakeAnthropic } from '../../gateway/__tests__/fakes/fake-anthropic.js';
import { FakeOpenAi } from '../../gateway/__tests__/fakes/fake-openai.js';
import { newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { buy, deliver, redisEnv, stripeEvent, WEBHOOK_SECRET } from '../../billing/__tests__/billing-support.js';
import { FakeStripe, type StripeObject } from '../../billing/__tests__/fakes/fake-stripe.js';
import { FakeCharges } from '../../billing/__tests__/fakes/fake-stripe-charges.js';
import { FakeStripeSubscriptions } from '../../billing/__tests__/fakes/fake-stripe-subscriptions.js';
import { subscribe } from '../../billing/__tests__/subscription-support.js';
import { UsageStore, type UsageEvent } from '../../metering/index.js';

export interface MonthWorld {
  t: TestApp;
  admin: string;
  stripe: FakeStripe;
  charges: FakeCharges;
  subs: FakeStripeSubscriptions;
  openai: FakeOpenAi;
  anthropic: FakeAnthropic;
}

/** The days of the scenario: UTC midnights. */
export interface MonthDays {
  yesterday: Date;
  today: Date;
  tomorrow: Date;
}

export interface MonthIds {
  /** A: pro (set by the admin), buys the bonus package, makes the platform calls and the cache hit. */
  buyer: User;
  /** B: subscribes to starter through Checkout, renewed once. */
  subscriber: User;
  /** C: buys the starter pack, refunds part of it, then disputes the rest. */
  disputer: User;
  /** D: pro with an own OpenAI key (BYOK); an admin grant of 5 credits that expires (the ledger's sweep). */
  byok: User;
  subscriptionId: string;
  invoices: string[];
  sessions: { buyer: string; disputer: string };
}

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model provider byok cached charged usage { inputTokens outputTokens } } }`;

/** Stripe's fee in the fake, in integer cents so the expected values are exact: ⌊2.9 %⌋ + 30 ¢. */
export const feeOf = (amountCents: number) => Math.floor((amountCents * 29) / 1000) + 30;

export async function startMonthWorld(tag = 'scripted-month'): Promise<MonthWorld> {
  const stripe = new FakeStripe();
  // Subscriptions first: their router answers invoice_payments by invoice; the charges' router answers the rest.
  const subs = new FakeStripeSubscriptions(stripe);
  const charges = new FakeCharges(stripe);
  charges.feeOf = feeOf;
  await stripe.start();
  const openai = await FakeOpenAi.start();
  const anthropic = await FakeAnthropic.start();
  const t = await startTestApp({
    STRIPE_SECRET_KEY: 'sk_test_tollgate',
    STRIPE_API_URL: stripe.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_URL: 'https://tollgate.example',
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: 'sk-ant-platform',
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    PROVIDER_MAX_RETRIES: '0',
    MODEL_FALLBACKS: '{}',
    ...redisEnv(tag),
  });
  await t.app.billing.syncCatalog();
  return { t, admin: await signInAdmin(t), stripe, charges, subs, openai, anthropic };
}

export async function stopMonthWorld(w: MonthWorld | undefined): Promise<void> {
  await w?.t.stop();
  await w?.stripe.stop();
  await w?.openai.close();
  await w?.anthropic.close();
}

export function monthDays(now = new Date()): MonthDays {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const day = 86_400_000;
  return { yesterday: new Date(today.getTime() - day), today, tomorrow: new Date(today.getTime() + day) };
}

/**
 * The scenario must not straddle a UTC midnight (its "today" would split in two): started in the
 * last two minutes of a day, it waits for the next one. A guard, not a timing assertion.
 */
export async function awayFromMidnight(): Promise<void> {
  const left = monthDays().tomorrow.getTime() - Date.now();
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

async function delivered(w: MonthWorld, type: string, object: StripeObject): Promise<void> {
  const res = await deliver(w.t, stripeEvent(type, object));
  if (res.status !== 200) throw new Error(`${type} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A package bought through Checkout, its charge with its balance transaction (so its fee) delivered. */
async function buyPackage(w: MonthWorld, user: User, code: string): Promise<{ session: string; charge: StripeObject }> {
  const session = await buy(w.t, user.token, code);
  await delivered(w, 'checkout.session.completed', w.stripe.completeSession(session.id, 'paid'));
  const charge = w.charges.charge(session.id);
  await delivered(w, 'charge.succeeded', charge);
  return { session: session.id, charge };
}

/** The invoice's charge (found by its payment intent); with its fee unless `balance` is false. */
async function chargeInvoice(w: MonthWorld, invoice: StripeObject, customer: string, balance: boolean): Promise<void> {
  const pi = w.subs.paymentsOf(invoice.id)[0]!.payment.payment_intent as string;
  await delivered(w, 'charge.succeeded', w.charges.chargeForIntent(pi, invoice.amount_paid, 'usd', customer, { balance }));
}

async function complete(w: MonthWorld, user: User, input: Record<string, unknown>) {
  return ok(await w.t.gql(COMPLETE, { i: input }, user.token), 'complete');
}

/** Drives the scenario; returns the ids it made. Every step goes through the server's real paths. */
export async function runScriptedMonth(w: MonthWorld, days: MonthDays): Promise<MonthIds> {
  const { t, admin } = w;
  const buyer = await newUser(t, admin, 'month-buyer', 'pro');
  const subscriber = await newUser(t, admin, 'month-subscriber');
  const disputer = await newUser(t, admin, 'month-disputer');
  const byok = await newUser(t, admin, 'month-byok', 'pro');

  // D gets 5 promotional credits from the admin that expire in 3 s: the ledger's sweep takes them at the end.
  const expiresAt = new Date(Date.now() + 3_000);
  const grant = { userId: byok.id, amount: '5', reason: 'expiring goodwill', idempotencyKey: `month-expiring-${byok.id}`, expiresAt: expiresAt.toISOString() };
  ok(await t.gql(`mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`, { i: grant }, admin), 'adminGrantCredits');

  // Packages: A buys popular-pack ($15: 1,500 credits + 375 bonus), C buys starter-pack ($5: 500 credits).
  const a = await buyPackage(w, buyer, 'popular-pack');
  const c = await buyPackage(w, disputer, 'starter-pack');
  // C: a partial refund of 200 ¢ (takes back 500 × 200 / 500 = 200 credits), then a dispute of the rest (300 ¢, 300 credits).
  await delivered(w, 'charge.refunded', w.charges.refund(c.charge.id, 200));
  await delivered(w, 'charge.dispute.created', w.charges.dispute(c.charge.id));

  // B subscribes to starter ($9 a month, 1,000 credits, rollover capped at 500); the first invoice's fee arrives.
  const session = await subscribe(t, subscriber.token, 'starter');
  const done = w.subs.completeCheckout(session.id);
  for (const [type, object] of [
    ['checkout.session.completed', done.session],
    ['customer.subscription.created', done.subscription],
    ['invoice.paid', done.invoice],
    ['invoice.payment_succeeded', done.invoice],
  ] as const)
    await delivered(w, type, object);
  await chargeInvoice(w, done.invoice, done.subscription.customer, true);
  // The renewal (the second period's invoice.paid): the unused allocation expires, 500 roll over, 1,000 more land.
  // Its charge arrives without a balance transaction: the fee is not known yet (paymentsWithoutFee).
  const renewal = w.subs.renew(done.subscription.id);
  await delivered(w, 'customer.subscription.updated', renewal.subscription);
  await delivered(w, 'invoice.paid', renewal.invoice);
  await chargeInvoice(w, renewal.invoice, done.subscription.customer, false);

  // Completions today, through the gateway (usage scripted on the fake providers).
  w.openai.set({ usage: { prompt_tokens: 1000, completion_tokens: 200 } });
  await complete(w, buyer, { model: 'openai/gpt-4o-mini', prompt: 'Summarise the first report', maxTokens: 1000, useCache: false });
  await complete(w, buyer, { model: 'openai/gpt-4o-mini', prompt: 'Summarise the second report', maxTokens: 1000, useCache: false });
  w.openai.set({ usage: { prompt_tokens: 400, completion_tokens: 100 } });
  await complete(w, buyer, { model: 'openai/gpt-4o', prompt: 'Translate the memo', maxTokens: 300, useCache: false });
  w.anthropic.set({ usage: { input_tokens: 301, output_tokens: 50 } });
  const haiku = { model: 'anthropic/claude-3.5-haiku', prompt: 'Review this function', maxTokens: 200, useCache: true };
  await complete(w, buyer, haiku);
  const hit = await complete(w, buyer, haiku); // the same request again: answered from the cache
  if (!hit.cached) throw new Error('the second identical request was not a cache hit');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, byok.token), 'setProviderKey');
  w.openai.set({ usage: { prompt_tokens: 12, completion_tokens: 3 } });
  const own = await complete(w, byok, { model: 'openai/gpt-4o-mini', prompt: 'Hello with my own key', maxTokens: 20, useCache: false });
  if (!own.byok) throw new Error('the BYOK call did not use the own key');

  // Yesterday's calls, recorded through our own store at noon UTC (a call's time is set nowhere else).
  const store = new UsageStore(t.app.sql);
  const noon = new Date(days.yesterday.getTime() + 12 * 3_600_000);
  const base = {
    apiKeyId: null,
    service: 'completion',
    errorCode: null,
    cached: false,
    latencyMs: 1,
    holdId: null,
    idempotencyKey: null,
    requestHash: null,
    response: null,
    at: noon,
  } as const;
  const past: UsageEvent[] = [
    // A: an answered gpt-4o-mini call, 2,000 in / 500 out, charged on pro (5 %).
    {
      ...base,
      userId: buyer.id,
      modelId: 'openai/gpt-4o-mini',
      provider: 'openai',
      status: 'ok',
      inputTokens: 2000,
      outputTokens: 500,
      costNano: 600_000n,
      markupBps: 500n,
      charged: 63_000n,
      byok: false,
    },
    // A: a gpt-4o call whose settle failed: the provider was paid, nothing stored or charged.
    {
      ...base,
      userId: buyer.id,
      modelId: 'openai/gpt-4o',
      provider: 'openai',
      status: 'error',
      errorCode: 'SETTLE_FAILED',
      inputTokens: 0,
      outputTokens: 0,
      costNano: 1_250_000n,
      markupBps: 500n,
      charged: 0n,
      byok: false,
    },
    // D: a BYOK gpt-4o-mini call, 100 in / 20 out.
    {
      ...base,
      userId: byok.id,
      modelId: 'openai/gpt-4o-mini',
      provider: 'openai',
      status: 'ok',
      inputTokens: 100,
      outputTokens: 20,
      costNano: 27_000n,
      markupBps: 0n,
      charged: 0n,
      byok: true,
    },
  ];
  for (const e of past) await store.record(e);

  // Past D's grant's expiry (the scenario usually took longer already), the ledger's own sweep expires it.
  const left = expiresAt.getTime() - Date.now() + 50;
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  await t.app.services.ledger.sweep();

  return {
    buyer,
    subscriber,
    disputer,
    byok,
    subscriptionId: done.subscription.id,
    invoices: [done.invoice.id, renewal.invoice.id],
    sessions: { buyer: a.session, disputer: c.session },
  };
}
