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
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-stmt-${process.pid}-${randomUUID().slice(0, 8)}:` } : {}) });
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
  // What is left of the catalog's reads: the user's tier assignment, one row of the user table.
  expect(statements.filter((s) => /tier_code/.test(s))).toEqual(['select tier_code from app_user where id = $1']);
});

it("reads a BYOK user's provider keys once for all three candidates", async () => {
  const user = await newUser(t, admin, 'stmt-byok', 'pro');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, user.token), 'setProviderKey');
  const { res, statements } = await statementsOfOneCompletion(user.token);
  expect(res.byok).toBe(true);
  console.info(`BYOK completion: ${statements.length} statements on the app pool`, statements);
  expect(statements.filter(catalogStatement)).toEqual([]);
  expect(statements.filter(byokStatement)).toEqual(['select id, user_id, provider, key_id, last4, created_at, last_used_at, iv, ciphertext, tag from provider_key where user_id = $1']);
  expect(statements.filter((s) => /tier_code/.test(s))).toHaveLength(1);
});
