import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { FakeOpenRouter } from '../../../test-support/fake-openrouter.js';
import { ledgerAudit, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { MODELS, SONNET } from './openrouter-support.js';

let t: TestApp;
let fake: FakeOpenRouter;
let admin: string;

beforeAll(async () => {
  fake = await FakeOpenRouter.start();
  fake.models = structuredClone(MODELS);
  // The provisioning key alone, no OPENROUTER_API_KEY: every OpenRouter call must go through a user's own key.
  t = await startTestApp({ OPENROUTER_BASE_URL: fake.baseURL, OPENROUTER_PROVISIONING_KEY: fake.provisioningKey, MODEL_FALLBACKS: '{}' });
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.app.services.openrouter?.limits.idle();
  await t?.stop();
  await fake?.close();
});

it("serves OpenRouter models with only the provisioning key, through each user's own key", async () => {
  const user = await newUser(t, admin, 'or-managed-only', 'pro');
  const res = ok(
    await t.gql(
      `mutation($i: CompletionInput!) { complete(input: $i) { provider byok charged } }`,
      { i: { model: SONNET, prompt: 'only mine', maxTokens: 10 } },
      user.token,
    ),
    'complete',
  );
  expect(res).toMatchObject({ provider: 'openrouter', byok: false });
  expect(fake.chatKeys).toEqual([fake.keyNamed(`tollgate-user-${user.id}`)!.key]);
  expect((await ledgerAudit(t, admin)).violations).toEqual([]);
});

it('answers PROVIDER_UNAVAILABLE, charging nothing, when the key cannot be created and there is no platform key', async () => {
  const user = await newUser(t, admin, 'or-managed-down', 'pro');
  fake.failNext(1, 500);
  const res = await t.gql(
    `mutation($i: CompletionInput!) { complete(input: $i) { id } }`,
    { i: { model: SONNET, prompt: 'no key', maxTokens: 10 } },
    user.token,
  );
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  const balance = ok(await t.gql('{ creditBalance { balance held } }', {}, user.token), 'creditBalance');
  expect(balance).toEqual({ balance: '10.000000', held: '0.000000' });
  // The next call creates the key and goes through.
  ok(
    await t.gql(`mutation($i: CompletionInput!) { complete(input: $i) { id } }`, { i: { model: SONNET, prompt: 'now', maxTokens: 10 } }, user.token),
    'complete',
  );
  expect(fake.keyNamed(`tollgate-user-${user.id}`)).toBeDefined();
});

it('deletes the key at OpenRouter when it was created but could not be recorded', async () => {
  const user = await newUser(t, admin, 'or-unrecorded', 'pro');
  // The row's insert fails for this user only (a trigger in this test's own database).
  await withClient(t.databaseUrl, async (c) => {
    await c.query(`create function refuse_openrouter_key() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await c.query(
      `create trigger refuse_openrouter_key before insert on openrouter_key for each row when (new.user_id = '${user.id}') execute function refuse_openrouter_key()`,
    );
  });
  const creates = fake.creates;
  const res = await t.gql(
    `mutation($i: CompletionInput!) { complete(input: $i) { id } }`,
    { i: { model: SONNET, prompt: 'unrecorded', maxTokens: 10 } },
    user.token,
  );
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(fake.creates - creates).toBe(1);
  // Created, then deleted again: no key of this user is left alive at OpenRouter.
  expect(fake.keyNamed(`tollgate-user-${user.id}`)).toBeUndefined();
  expect(fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/api/v1/keys/'))).toHaveLength(1);
  await withClient(t.databaseUrl, (c) => c.query(`drop trigger refuse_openrouter_key on openrouter_key`));
});
