import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { fakeKey, SET_KEY } from '../../gateway/byok/__tests__/byok-helpers.js';
import { FakeOpenAi } from '../../gateway/__tests__/fakes/fake-openai.js';
import { ledgerAudit, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { countStatements } from '../../../test-support/statement-count.js';

/**
 * The SQL one completion sends, counted on the app's own pool: the model quotes (the requested
 * model and its two default fallbacks) come from the in-process catalog snapshot, and the user's
 * provider keys are read once, whatever the number of candidates.
 */
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model byok charged } }`;
// gpt-4o-mini's default fallbacks are gemini-2.0-flash and claude-3.5-haiku: three candidates to quote.
const input = { model: 'openai/gpt-4o-mini', prompt: 'Count my statements', maxTokens: 20, useCache: false };

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  const redisUrl = inject('redisUrl');
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: fake.baseURL,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-stmt-${process.pid}-${randomUUID().slice(0, 8)}:` } : {}),
  });
  admin = await signInAdmin(t);
});
afterAll(async () => {
  if (t) expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  await t?.stop();
  await fake?.close();
});

/** The statements that read the catalog (models, prices, tiers) or a user's provider keys. */
const catalogStatement = (s: string) => /\b(from|join) (model|model_price|tier)\b/i.test(s);
const byokStatement = (s: string) => /\bfrom provider_key\b/i.test(s);

async function statementsOfOneCompletion(token: string) {
  ok(await t.gql(COMPLETE, { i: input }, token), 'complete'); // warm: first-use work is not per completion
  const { result: res, counted } = await countStatements(t, async () => ok(await t.gql(COMPLETE, { i: input }, token), 'complete'));
  const statements = [...counted.sql, ...counted.orm].map((s) => s.replace(/\s+/g, ' ').trim());
  return { res, statements };
}

it('quotes the requested model and its fallbacks without reading the catalog from PostgreSQL', async () => {
  const user = await newUser(t, admin, 'stmt-platform', 'starter');
  const { res, statements } = await statementsOfOneCompletion(user.token);
  expect(res.byok).toBe(false);
  console.info(`platform-key completion: ${statements.length} statements on the app pool`, statements);
  expect(statements.filter(catalogStatement)).toEqual([]);
  expect(statements.filter(byokStatement)).toEqual([]); // starter does not allow own keys: none read
  // The user's tier assignment comes from the process's cache, warm after the first call.
  expect(statements.filter((s) => /tier_code/.test(s))).toEqual([]);
});

it('reads the tier again after it changed, whoever changed it (PostgreSQL notifies every process at commit)', async () => {
  const user = await newUser(t, admin, 'stmt-tier', 'starter');
  await statementsOfOneCompletion(user.token); // the starter tier is cached now
  // A write that does not go through the catalog: only the trigger's NOTIFY can tell the cache.
  await t.app.sql.query(`update app_user set tier_code = 'free' where id = $1`, [user.id]);
  await waitFor(async () => (await t.app.services.catalog.tierOf(user.id)).code === 'free');
  expect((await t.app.services.catalog.tierOf(user.id)).code).toBe('free');
});

it("reads a BYOK user's provider keys once for all three candidates", async () => {
  const user = await newUser(t, admin, 'stmt-byok', 'pro');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, user.token), 'setProviderKey');
  const { res, statements } = await statementsOfOneCompletion(user.token);
  expect(res.byok).toBe(true);
  console.info(`BYOK completion: ${statements.length} statements on the app pool`, statements);
  expect(statements.filter(catalogStatement)).toEqual([]);
  // Warm, the sealed keys and the tier come from the process's caches: no read at all.
  expect(statements.filter(byokStatement)).toEqual([]);
  expect(statements.filter((s) => /tier_code/.test(s))).toEqual([]);
  // Deleting the key drops the cache (the delete's NOTIFY): the next call uses the platform's key.
  const keys = await t.app.services.providerKeys.list(user.id);
  ok(await t.gql(`mutation D($id: ID!) { deleteProviderKey(id: $id) { id } }`, { id: keys[0]!.id }, user.token), 'deleteProviderKey');
  await waitFor(async () => !(await t.app.services.providerKeys.resolveAll(user.id)).get('openai'));
  const after = ok(await t.gql(COMPLETE, { i: { ...input, prompt: 'after the delete' } }, user.token), 'complete');
  expect(after.byok).toBe(false);
});

/** Notifications arrive just after the commit: poll briefly (bounded) rather than sleep. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}
