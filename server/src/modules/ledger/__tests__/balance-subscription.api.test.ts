import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

const BALANCE_CHANGED = 'subscription Watch($userId: ID) { balanceChanged(userId: $userId) { balance held available } }';
const GRANT = 'mutation Grant($input: AdminCreditInput!) { adminGrantCredits(input: $input) { id balanceAfter } }';
const SET_THRESHOLD = 'mutation Threshold($threshold: Credits!) { setLowBalanceThreshold(threshold: $threshold) { lowBalanceThreshold } }';

interface Balance {
  balance: string;
  held: string;
  available: string;
}
interface User {
  token: string;
  id: string;
  email: string;
}
type GqlError = { message: string; extensions?: Record<string, any> };

const redisUrl = inject('redisUrl');
if (!redisUrl) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\nNo Redis for this run: the two-instance balanceChanged tests in ${import.meta.url} are SKIPPED.\n${bar}\n`);
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

let ipCounter = 0;
/** Sign-ups are limited per address; each user here signs up from one of its own (loopback is a trusted proxy). */
async function newUser(app: TestApp): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail('balance-sub');
  const res = await app.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': `192.0.2.${ipCounter}` });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

async function adminToken(app: TestApp): Promise<{ token: string; id: string }> {
  const res = await app.gql(SIGN_IN, { input: TEST_ADMIN }, undefined, { 'x-forwarded-for': '192.0.2.250' });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signIn.token, id: res.data.signIn.user.id };
}

async function grant(app: TestApp, admin: string, userId: string, amount: string): Promise<void> {
  const res = await app.gql(GRANT, { input: { userId, amount, reason: 'subscription test', idempotencyKey: randomUUID() } }, admin);
  if (!res.data) throw new Error(`grant failed: ${JSON.stringify(res.errors)}`);
}

function connect(app: TestApp, token: string): Client {
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  return client;
}

/** Bounds every wait: a limit on waiting, never a measure of speed. */
async function waitUntil<T>(check: () => T | undefined, what: string, withinMs = 5_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Watch {
  events: Balance[];
  errors: () => GqlError[] | undefined;
  ended: () => boolean;
  /** The first event from index `from` on that matches. */
  next(match: (event: Balance) => boolean, what: string, from?: number): Promise<Balance>;
}

function watch(client: Client, variables: Record<string, unknown> = {}): Watch {
  const events: Balance[] = [];
  let errors: GqlError[] | undefined;
  let ended = false;
  client.subscribe(
    { query: BALANCE_CHANGED, variables },
    {
      next: (value) => {
        if (value.errors) errors = value.errors as GqlError[];
        else events.push((value.data as { balanceChanged: Balance }).balanceChanged);
      },
      error: (err) => {
        errors = Array.isArray(err) ? (err as GqlError[]) : [{ message: `socket closed: ${String((err as { code?: number })?.code ?? err)}` }];
        ended = true;
      },
      complete: () => void (ended = true),
    },
  );
  return {
    events,
    errors: () => errors,
    ended: () => ended,
    next: (match, what, from = 0) =>
      waitUntil(() => {
        if (errors) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        return events.slice(from).find(match);
      }, what),
  };
}

let probeCounter = 0;
/**
 * The server does not say when a subscription is listening, and an event published before that is
 * simply lost (with Redis, SUBSCRIBE completes asynchronously). So the watched account's threshold is
 * changed, which publishes its balance, until one of those events arrives. Returns the index from
 * which later events are the test's own.
 */
async function untilLive(w: Watch, probe: (threshold: string) => Promise<unknown>): Promise<number> {
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const seen = w.events.length;
    probeCounter += 1;
    await probe(`5.${String(probeCounter).padStart(6, '0')}`);
    try {
      await waitUntil(() => (w.events.length > seen ? true : undefined), 'a probe event', 200);
      return w.events.length;
    } catch {
      if (w.errors()) throw new Error(`subscription failed: ${JSON.stringify(w.errors())}`);
    }
  }
  throw new Error('the subscription never started listening');
}

const thresholdProbe = (app: TestApp, token: string) => async (threshold: string) => {
  const res = await app.gql(SET_THRESHOLD, { threshold }, token);
  if (!res.data) throw new Error(`probe failed: ${JSON.stringify(res.errors)}`);
};

describe('balanceChanged on one server', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('delivers the new balance to the account owner after an admin grant', async () => {
    const user = await newUser(t);
    const w = watch(connect(t, user.token));
    const from = await untilLive(w, thresholdProbe(t, user.token));
    await grant(t, admin.token, user.id, '5');
    expect(await w.next((e) => e.balance !== '10.000000', 'the grant event', from)).toEqual({ balance: '15.000000', held: '0.000000', available: '15.000000' });
  });

  it("delivers nothing for another user's grant: the owner's next own event comes with no foreign one before it", async () => {
    const user = await newUser(t);
    const other = await newUser(t);
    const w = watch(connect(t, user.token));
    const from = await untilLive(w, thresholdProbe(t, user.token));

    await grant(t, admin.token, other.id, '31'); // other's balance: 41
    await grant(t, admin.token, user.id, '1'); // the marker: user's balance 11
    await w.next((e) => e.balance === '11.000000', 'the marker event', from);

    // Late probe events still carry the user's old balance (10); anything else would be a leak.
    const own = w.events.slice(from).filter((e) => e.balance !== '10.000000');
    expect(own).toEqual([{ balance: '11.000000', held: '0.000000', available: '11.000000' }]);
    expect(w.events.some((e) => e.balance === '41.000000')).toBe(false);
  });

  it('delivers each change in order: two grants, two events', async () => {
    const user = await newUser(t);
    const w = watch(connect(t, user.token));
    const from = await untilLive(w, thresholdProbe(t, user.token));
    await grant(t, admin.token, user.id, '1');
    await grant(t, admin.token, user.id, '2.5');
    await w.next((e) => e.balance === '13.500000', 'the second grant event', from);
    expect(
      w.events
        .slice(from)
        .map((e) => e.balance)
        .filter((b) => b !== '10.000000'),
    ).toEqual(['11.000000', '13.500000']);
  });

  it('lets a user pass their own userId', async () => {
    const user = await newUser(t);
    const w = watch(connect(t, user.token), { userId: user.id });
    const from = await untilLive(w, thresholdProbe(t, user.token));
    await grant(t, admin.token, user.id, '2');
    expect((await w.next((e) => e.balance === '12.000000', 'the grant event', from)).available).toBe('12.000000');
  });

  it("refuses a non-admin passing someone else's userId with FORBIDDEN", async () => {
    const user = await newUser(t);
    const victim = await newUser(t);
    const w = watch(connect(t, user.token), { userId: victim.id });
    const errors = await waitUntil(() => w.errors(), 'the refusal');
    expect(errors[0]!.extensions?.code).toBe('FORBIDDEN');
    await waitUntil(() => (w.ended() ? true : undefined), 'the subscription to end');
    await grant(t, admin.token, victim.id, '3');
    expect(w.events).toEqual([]);
  });

  it('refuses an API key with only the completions scope with FORBIDDEN, and no credentials with UNAUTHENTICATED', async () => {
    const user = await newUser(t);
    const key = await createKey(t, user.token, ['completions']);
    const byKey = watch(connect(t, key.secret));
    expect((await waitUntil(() => byKey.errors(), 'the refusal'))[0]!.extensions?.code).toBe('FORBIDDEN');

    const anonymous = createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(anonymous);
    const byNobody = watch(anonymous);
    expect((await waitUntil(() => byNobody.errors(), 'the refusal'))[0]!.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets an API key with the read scope watch its owner', async () => {
    const user = await newUser(t);
    const key = await createKey(t, user.token, ['read']);
    const w = watch(connect(t, key.secret));
    const from = await untilLive(w, thresholdProbe(t, user.token));
    await grant(t, admin.token, user.id, '4');
    expect((await w.next((e) => e.balance === '14.000000', 'the grant event', from)).available).toBe('14.000000');
  });

  it('lets an admin pass a userId to watch that account, and only that one', async () => {
    const user = await newUser(t);
    const w = watch(connect(t, admin.token), { userId: user.id });
    const from = await untilLive(w, thresholdProbe(t, user.token));
    await grant(t, admin.token, admin.id, '50'); // the admin's own account is not the one watched
    await grant(t, admin.token, user.id, '6');
    await w.next((e) => e.balance === '16.000000', 'the grant event', from);
    expect(w.events.slice(from).filter((e) => e.balance !== '10.000000')).toEqual([{ balance: '16.000000', held: '0.000000', available: '16.000000' }]);
  });
});

describe.skipIf(!redisUrl)('balanceChanged across two server instances sharing one database and Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let adminOnB: string;
  beforeAll(async () => {
    a = await startTestApp({ REDIS_URL: redisUrl! }, {});
    b = await startTestApp({ REDIS_URL: redisUrl! }, { databaseUrl: a.databaseUrl });
    adminOnB = (await adminToken(b)).token;
  });
  afterAll(async () => {
    // B only borrows A's database; A drops it, so B goes first.
    await b?.stop();
    await a?.stop();
  });

  it('delivers a grant made through instance B to a subscriber on instance A', async () => {
    const user = await newUser(a);
    const w = watch(connect(a, user.token));
    const from = await untilLive(w, thresholdProbe(b, user.token));
    await grant(b, adminOnB, user.id, '7');
    expect(await w.next((e) => e.balance === '17.000000', 'the grant event from B', from)).toEqual({
      balance: '17.000000',
      held: '0.000000',
      available: '17.000000',
    });
  });

  it("keeps another user's grant through B away from a subscriber on A", async () => {
    const user = await newUser(b);
    const other = await newUser(b);
    const w = watch(connect(a, user.token));
    const from = await untilLive(w, thresholdProbe(b, user.token));
    await grant(b, adminOnB, other.id, '31');
    await grant(b, adminOnB, user.id, '1');
    await w.next((e) => e.balance === '11.000000', 'the marker event', from);
    expect(w.events.slice(from).filter((e) => e.balance !== '10.000000')).toEqual([{ balance: '11.000000', held: '0.000000', available: '11.000000' }]);
  });
});
