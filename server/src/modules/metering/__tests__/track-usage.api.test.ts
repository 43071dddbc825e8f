import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { adminSession, balanceOf, eventCount, grant, newUser, rollupDrift, rollupRows, setTier, type User } from './metering-helpers.js';

const TRACK = `mutation($i: TrackUsageInput!) { trackUsage(input: $i) { id service units charged balance { available } replayed } }`;
const PRICES = `{ servicePrices { service unit usdPerUnit creditsPerUnit creditsPerMillionUnits } }`;
const LAST_ENTRY = `{ creditTransactions(first: 1) { totalCount nodes { type amount description } } }`;

let t: TestApp;
let admin: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminSession(t);
});
afterAll(async () => {
  await t?.stop();
});

/** A user (10 signup credits) and an API key of theirs with the service scope. */
async function serviceUser(tier?: string): Promise<User & { key: string }> {
  const user = await newUser(t, 'track');
  if (tier) await setTier(t, admin.token, user.id, tier);
  return { ...user, key: (await createKey(t, user.token, ['service'])).secret };
}

const tts = (units: number, extra: Record<string, unknown> = {}) => ({ i: { service: 'tts', units, idempotencyKey: randomUUID(), ...extra } });

/** Nothing moved and nothing was recorded for this user since `before`. */
async function expectUntouched(user: User, before: { balance: string; available: string }) {
  expect(await balanceOf(t, user.token)).toEqual(before);
  expect(await eventCount(t.app.sql, user.id)).toBe(0);
  expect(await rollupRows(t.app.sql, user.id)).toBe(0);
  expect((await t.gql(LAST_ENTRY, {}, user.token)).data!.creditTransactions.totalCount).toBe(1); // the signup bonus only
}

describe('servicePrices', () => {
  it("lists each service with its unit, list price, and what it costs you at your tier's markup", async () => {
    const free = await serviceUser();
    const prices = (await t.gql(PRICES, {}, free.key)).data!.servicePrices;
    expect(prices.map((p: { service: string }) => p.service)).toEqual(['agent', 'embeddings', 'rerank', 'search', 'stt', 'tts']);
    // Free tier: the standard 10% markup. 20 nano$ × 1.1 = 2.2 micro-credits, rounded up for a single unit.
    expect(prices[1]).toEqual({
      service: 'embeddings',
      unit: 'token',
      usdPerUnit: '0.00000002',
      creditsPerUnit: '0.000003',
      creditsPerMillionUnits: '2.200000',
    });
    expect(prices[5]).toEqual({ service: 'tts', unit: 'character', usdPerUnit: '0.000015', creditsPerUnit: '0.001650', creditsPerMillionUnits: '1650.000000' });
    const enterprise = await serviceUser('enterprise');
    expect((await t.gql(PRICES, {}, enterprise.token)).data!.servicePrices[5].creditsPerUnit).toBe('0.001500');
    const completionsOnly = await createKey(t, free.token, ['completions']);
    expect(errorCode(await t.gql(PRICES, {}, completionsOnly.secret))).toBe('FORBIDDEN');
  });
});

describe('trackUsage', () => {
  it('charges units × price × (1 + markup), rounded up once, and records the usage with the charge', async () => {
    const user = await serviceUser();
    const res = await t.gql(TRACK, tts(1_000, { model: 'openai/tts-1', description: 'chapter 1' }), user.key);
    // 1,000 × 15,000 nano$ × 1.1 = 16,500,000 nano$ = 1.65 credits at $0.01.
    expect(res.data!.trackUsage).toEqual({
      id: expect.any(String),
      service: 'tts',
      units: 1_000,
      charged: '1.650000',
      balance: { available: '8.350000' },
      replayed: false,
    });
    expect((await t.gql(LAST_ENTRY, {}, user.token)).data!.creditTransactions.nodes[0]).toEqual({
      type: 'USAGE',
      amount: '-1.650000',
      description: 'tts: 1000 characters (openai/tts-1) — chapter 1',
    });
    const models = (await t.gql(`{ usageByModel { service model units requests credits } }`, {}, user.token)).data!.usageByModel;
    expect(models).toEqual([{ service: 'tts', model: 'openai/tts-1', units: 1_000, requests: 1, credits: '1.650000' }]);
    // 7 embedding tokens: 140 nano$ × 1.1 = 154 nano$ = 15.4 → 16 micro-credits (rounded once, not per unit: 7 × 3 would be 21).
    expect((await t.gql(TRACK, { i: { service: 'embeddings', units: 7, idempotencyKey: randomUUID() } }, user.key)).data!.trackUsage.charged).toBe('0.000016');
    expect(await rollupDrift(t.app.sql)).toEqual([]);
  });

  it("marks up by the account's tier: pro 5%, enterprise none", async () => {
    const pro = await serviceUser('pro');
    expect((await t.gql(TRACK, tts(1_000), pro.key)).data!.trackUsage.charged).toBe('1.575000');
    const enterprise = await serviceUser('enterprise');
    expect((await t.gql(TRACK, tts(1_000), enterprise.key)).data!.trackUsage.charged).toBe('1.500000');
  });

  it('returns the first result for a retried key and charges once, also when the retries race', async () => {
    const user = await serviceUser();
    const input = tts(100);
    const first = (await t.gql(TRACK, input, user.key)).data!.trackUsage;
    const retries = await Promise.all(Array.from({ length: 8 }, () => t.gql(TRACK, input, user.key)));
    for (const r of retries) expect(r.data!.trackUsage).toEqual({ ...first, replayed: true });
    expect(await eventCount(t.app.sql, user.id)).toBe(1);
    expect((await balanceOf(t, user.token)).available).toBe('9.835000');

    const racing = tts(200);
    const raced = await Promise.all(Array.from({ length: 8 }, () => t.gql(TRACK, racing, user.key)));
    expect(new Set(raced.map((r) => r.data!.trackUsage.id)).size).toBe(1);
    expect(raced.filter((r) => !r.data!.trackUsage.replayed)).toHaveLength(1);
    expect((await balanceOf(t, user.token)).available).toBe('9.505000');
  });

  it('answers IDEMPOTENCY_CONFLICT for the same key with another request, and charges nothing more', async () => {
    const user = await serviceUser();
    const input = tts(100);
    await t.gql(TRACK, input, user.key);
    const before = await balanceOf(t, user.token);
    for (const change of [{ units: 101 }, { service: 'stt' }, { model: 'other' }, { description: 'other' }]) {
      expect(errorCode(await t.gql(TRACK, { i: { ...input.i, ...change } }, user.key)), JSON.stringify(change)).toBe('IDEMPOTENCY_CONFLICT');
    }
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await eventCount(t.app.sql, user.id)).toBe(1);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const user = await serviceUser();
    const before = await balanceOf(t, user.token);
    const bad = [
      { service: 'teleport' },
      { service: '' },
      { units: 0 },
      { units: -5 },
      { units: 100_000_001 },
      { units: 2 ** 31 },
      { units: 1.5 },
      { idempotencyKey: '' },
      { idempotencyKey: '   ' },
      { idempotencyKey: 'k'.repeat(201) },
      { model: 'm'.repeat(101) },
      { description: 'd'.repeat(201) },
    ];
    for (const change of bad) {
      const res = await t.gql(TRACK, { i: { ...tts(10).i, ...change } }, user.key);
      expect(errorCode(res), JSON.stringify(change)).toBe('BAD_USER_INPUT');
    }
    await expectUntouched(user, before);
  });

  it('answers NOT_FOUND for an account that does not exist', async () => {
    for (const userId of [randomUUID(), 'not-a-user']) {
      expect(errorCode(await t.gql(TRACK, tts(10, { userId }), admin.token))).toBe('NOT_FOUND');
    }
  });

  it('answers INSUFFICIENT_CREDITS and writes nothing; the key stays free for a retry once there is credit', async () => {
    const user = await serviceUser();
    const before = await balanceOf(t, user.token);
    // 1,000 agent steps × $0.001 × 1.1 = $1.10 = 110 credits; the account has 10.
    const input = { i: { service: 'agent', units: 1_000, idempotencyKey: randomUUID() } };
    const res = await t.gql(TRACK, input, user.key);
    expect(errorCode(res)).toBe('INSUFFICIENT_CREDITS');
    await expectUntouched(user, before);
    await grant(t, admin.token, user.id, '200');
    expect((await t.gql(TRACK, input, user.key)).data!.trackUsage).toMatchObject({
      charged: '110.000000',
      replayed: false,
      balance: { available: '100.000000' },
    });
  });
});

describe('who may call trackUsage', () => {
  it('needs an admin or a key with the service scope', async () => {
    const user = await serviceUser();
    const before = await balanceOf(t, user.token);
    expect(errorCode(await t.gql(TRACK, tts(10)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(TRACK, tts(10), user.token))).toBe('FORBIDDEN');
    for (const scopes of [['read'], ['completions'], ['read', 'completions']]) {
      expect(errorCode(await t.gql(TRACK, tts(10), (await createKey(t, user.token, scopes)).secret)), scopes.join()).toBe('FORBIDDEN');
    }
    await expectUntouched(user, before);
  });

  it('lets a service key charge only its own account', async () => {
    const [reporter, victim] = [await serviceUser(), await serviceUser()];
    const before = await balanceOf(t, victim.token);
    expect(errorCode(await t.gql(TRACK, tts(10, { userId: victim.id }), reporter.key))).toBe('FORBIDDEN');
    await expectUntouched(victim, before);
    expect((await t.gql(TRACK, tts(10, { userId: reporter.id }), reporter.key)).data!.trackUsage.charged).toBe('0.016500');
  });

  it("lets an admin (session, or a key with the admin scope) charge any account; an admin's service-only key charges the admin", async () => {
    const user = await serviceUser();
    const bySession = await t.gql(TRACK, tts(10, { userId: user.id }), admin.token);
    expect(bySession.data!.trackUsage.balance.available).toBe('9.983500');
    const adminKey = await createKey(t, admin.token, ['admin']);
    expect((await t.gql(TRACK, tts(10, { userId: user.id }), adminKey.secret)).data!.trackUsage.balance.available).toBe('9.967000');
    const adminServiceKey = await createKey(t, admin.token, ['service']);
    expect(errorCode(await t.gql(TRACK, tts(10, { userId: user.id }), adminServiceKey.secret))).toBe('FORBIDDEN');
    expect(await eventCount(t.app.sql, user.id)).toBe(2);
    expect(await rollupDrift(t.app.sql)).toEqual([]);
  });
});
