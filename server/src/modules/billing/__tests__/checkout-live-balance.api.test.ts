import { formatCredits, parseCredits } from '@tollgate/shared';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { buy, deliver, packageWithBonus, redisEnv, stripeEvent, WEBHOOK_SECRET } from './billing-support.js';
import { FakeStripe } from './fakes/fake-stripe.js';

const WATCH = 'subscription { balanceChanged { balance } }';
const PROBE = 'mutation($t: Credits!) { setLowBalanceThreshold(threshold: $t) { lowBalanceThreshold } }';

/** Bounds a wait: a limit on waiting, never a measure of speed. */
async function waitFor<T>(check: () => T | undefined, what: string, withinMs = 5_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('balanceChanged after a purchase', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let client: Client | undefined;

  beforeAll(async () => {
    fake = await new FakeStripe().start();
    t = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_tollgate', STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, ...redisEnv('live') });
    await t.app.billing.syncCatalog();
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.stop();
    await fake?.stop();
  });

  it('fires once the webhook that granted the package has committed, with the new balance', async () => {
    const admin = await signInAdmin(t);
    const user = await newUser(t, admin, 'live');
    const pkg = await packageWithBonus(t, admin);
    const before = await balanceOf(t, user.token);
    const balances: string[] = [];
    client = createClient({
      url: `${t.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    client.subscribe(
      { query: WATCH },
      { next: (v) => void balances.push((v.data as any).balanceChanged.balance), error: () => undefined, complete: () => undefined },
    );
    // The server does not say when the subscription listens: probe with threshold changes (which publish) until one arrives.
    for (let i = 1; balances.length === 0 && i <= 25; i += 1) {
      ok(await t.gql(PROBE, { t: `0.00000${i % 10}` }, user.token), 'setLowBalanceThreshold');
      await waitFor(() => (balances.length > 0 ? true : undefined), 'a probe event', 200).catch(() => undefined);
    }
    expect(balances.length).toBeGreaterThan(0);

    const session = await buy(t, user.token, pkg.code);
    expect((await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid')))).status).toBe(200);
    const expected = formatCredits(before.balance + parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    await waitFor(() => (balances.includes(expected) ? true : undefined), `balanceChanged with ${expected}`);
  });
});
