import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import type { FakeOpenRouter } from '../../../test-support/fake-openrouter.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { automation, expectedLimit, meteredCost, PLATFORM_KEY, SONNET, startOpenRouterApp } from './openrouter-support.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id provider byok charged } }`;
const KEYS = `{ adminOpenRouterKeys { userId email label limitUsd usageUsd recordedCostUsd differenceUsd disabled syncedAt } }`;

let t: TestApp;
let fake: FakeOpenRouter;
let admin: string;

beforeAll(async () => {
  ({ t, fake } = await startOpenRouterApp());
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await automation(t)?.limits.idle();
  await t?.stop();
  await fake?.close();
});

const keyOf = (user: User) => fake.keyNamed(`tollgate-user-${user.id}`);
const complete = (user: User, prompt: string) => t.gql(COMPLETE, { i: { model: SONNET, prompt, maxTokens: 20, useCache: false } }, user.token);
const credit = async (user: User, mutation: 'adminGrantCredits' | 'adminDeductCredits', amount: string) =>
  ok(
    await t.gql(
      `mutation($i: AdminCreditInput!) { ${mutation}(input: $i) { id } }`,
      { i: { userId: user.id, amount, reason: 'openrouter test', idempotencyKey: randomUUID() } },
      admin,
    ),
    mutation,
  );

it('creates one OpenRouter key per user under 20 concurrent first calls, routes them through it and charges them normally', async () => {
  const user = await newUser(t, admin, 'or-once', 'pro');
  const before = await balanceOf(t, user.token);
  const creates = fake.creates;
  fake.createDelayMs = 100; // the creation is slow, so all 20 first calls arrive while it runs

  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => complete(user, `First call ${i}`)));
  fake.createDelayMs = 0;

  const calls = results.map((r) => ok(r, 'complete'));
  expect(fake.creates - creates).toBe(1);
  const key = keyOf(user)!;
  expect(key).toBeDefined();
  // Every call went out with the user's own key, none with the platform key.
  expect(fake.chatKeys.slice(-20)).toEqual(Array(20).fill(key.key));
  // Charged like any platform call: not BYOK, credits taken, one usage entry each.
  for (const c of calls) expect(c).toMatchObject({ provider: 'openrouter', byok: false });
  const charged = calls.reduce((s, c) => s + parseCredits(c.charged), 0n);
  expect(charged).toBeGreaterThan(0n);
  expect((await balanceOf(t, user.token)).balance).toBe(before.balance - charged);
  // The key is stored sealed: neither the key nor its tail is in the row.
  const row = await withClient(t.databaseUrl, async (c) => (await c.query(`select * from openrouter_key where user_id = $1`, [user.id])).rows[0]);
  expect(row.key_hash).toBe(key.hash);
  expect(JSON.stringify(row)).not.toContain(key.key.slice(-12));
  expect((await ledgerAudit(t, admin)).violations).toEqual([]);
});

it('creates the key once when replicas race: each waits on the per-user lock, then finds the key', async () => {
  const user = await newUser(t, admin, 'or-race', 'pro');
  const creates = fake.creates;
  fake.createDelayMs = 50;
  // ensure() skips this process's shared promise, as calls on separate replicas would.
  const keys = await Promise.all(Array.from({ length: 10 }, () => automation(t).keys.ensure(user.id)));
  fake.createDelayMs = 0;
  expect(fake.creates - creates).toBe(1);
  expect(new Set(keys)).toEqual(new Set([keyOf(user)!.key]));
});

it("keeps using the platform key for users' calls to other providers and sends no key request for them", async () => {
  const user = await newUser(t, admin, 'or-other', 'pro');
  const creates = fake.creates;
  ok(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'not OpenRouter', useCache: false } }, user.token), 'complete');
  expect(fake.creates).toBe(creates);
  expect(keyOf(user)).toBeUndefined();
});

it('keeps the key limit at the metered cost plus the credit in dollars: after a grant, after spending, and suspended', async () => {
  const user = await newUser(t, admin, 'or-limit', 'pro');
  ok(await complete(user, 'make my key'), 'complete');
  const key = keyOf(user)!;
  const or = automation(t);
  const check = async () => {
    await or.limits.idle();
    expect(key.limit).toBe(expectedLimit(await meteredCost(t, user.id), (await balanceOf(t, user.token)).balance));
  };
  // Created at the formula; the first call's charge lowers the formula by less than the 5-cent slack: no PATCH for that.
  await or.limits.idle();
  const drifted = expectedLimit(await meteredCost(t, user.id), (await balanceOf(t, user.token)).balance);
  expect(key.limit! - drifted).toBeGreaterThanOrEqual(0);
  expect(key.limit! - drifted).toBeLessThanOrEqual(0.05);

  await credit(user, 'adminGrantCredits', '25');
  await check();
  await credit(user, 'adminDeductCredits', '12.5');
  await check();

  ok(await t.gql(`mutation($u: ID!) { adminSuspendUser(userId: $u, reason: "test") { id } }`, { u: user.id }, admin), 'adminSuspendUser');
  await or.limits.idle();
  expect(key).toMatchObject({ disabled: true, limit: 0 });

  ok(await t.gql(`mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }`, { u: user.id }, admin), 'adminReactivateUser');
  await check();
  expect(key.disabled).toBe(false);
  ok(await complete(user, 'back again'), 'complete');
  expect(fake.chatKeys.at(-1)).toBe(key.key);
  expect((await ledgerAudit(t, admin)).violations).toEqual([]);
});

it("syncs each key's usage from OpenRouter and shows it beside the cost Tollgate recorded", async () => {
  const user = await newUser(t, admin, 'or-usage', 'pro');
  ok(await complete(user, 'count me'), 'complete');
  ok(await complete(user, 'count me too'), 'complete');
  const key = keyOf(user)!;
  // OpenRouter bills one more cent than we metered (as if a call went unmetered).
  key.usageNano += 10_000_000n;

  const synced = ok(
    await t.gql(`mutation { adminSyncOpenRouterUsage { userId usageUsd recordedCostUsd differenceUsd disabled } }`, {}, admin),
    'adminSyncOpenRouterUsage',
  );
  const mine = synced.find((k: { userId: string }) => k.userId === user.id);
  const recorded = await withClient(
    t.databaseUrl,
    async (c) => (await c.query(`select sum(cost_nano)::text as n from usage_event where user_id = $1 and provider = 'openrouter'`, [user.id])).rows[0].n,
  );
  const nanoUsd = (n: bigint) => `${n / 1_000_000_000n}.${(n % 1_000_000_000n).toString().padStart(9, '0')}`.replace(/\.?0+$/, '');
  expect(mine).toEqual({
    userId: user.id,
    usageUsd: nanoUsd(key.usageNano),
    recordedCostUsd: nanoUsd(BigInt(recorded)),
    differenceUsd: '0.01',
    disabled: false,
  });
  const listed = ok(await t.gql(KEYS, {}, admin), 'adminOpenRouterKeys').find((k: { userId: string }) => k.userId === user.id);
  expect(listed).toMatchObject({ usageUsd: mine.usageUsd, differenceUsd: '0.01', label: key.label });
  expect(JSON.stringify(listed)).not.toContain(key.key);
});

it("is refused by OpenRouter (402) once the key's usage reaches its limit, and charges nothing; only new credit lifts the limit", async () => {
  const user = await newUser(t, admin, 'or-402', 'pro');
  ok(await complete(user, 'make my key'), 'complete');
  await automation(t).limits.idle();
  const key = keyOf(user)!;
  // Spent elsewhere through this key up to its limit (what the limit exists to stop).
  key.usageNano = BigInt(Math.round(key.limit! * 100)) * 10_000_000n;
  const before = await balanceOf(t, user.token);
  const res = await complete(user, 'over the limit');
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(fake.chatKeys.at(-1)).toBe(key.key);
  expect(await balanceOf(t, user.token)).toEqual(before);
  // That spend was never metered, so it is not renewed: only new credit lifts the limit past the usage again.
  await credit(user, 'adminGrantCredits', '5');
  await automation(t).limits.idle();
  expect(key.limit).toBe(expectedLimit(await meteredCost(t, user.id), (await balanceOf(t, user.token)).balance));
  ok(await complete(user, 'within the limit again'), 'complete');
});

it('refuses the admin operations to users', async () => {
  const user = await newUser(t, admin, 'or-forbidden');
  const res = await t.gql(KEYS, {}, user.token);
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('never uses the platform key for a user once their key exists', () => {
  expect(fake.chatKeys.filter((k) => k === PLATFORM_KEY)).toEqual([]);
});
