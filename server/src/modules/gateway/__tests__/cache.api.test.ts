import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { SIGN_IN, signUp } from '../../auth/__tests__/helpers.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id content cached charged balance { available } } }`;
const STATS = '{ cacheStats { requests hits hitRate creditsSaved } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const ask = { model: 'sandbox/echo', prompt: 'What is a toll gate?', maxTokens: 40 };

describe('response cache', () => {
  it('answers a second identical request from the cache, free, metered as cached with what it saved', async () => {
    const user = await signUp(t);
    const first = (await t.gql(COMPLETE, { i: ask }, user.token)).data!.complete;
    const second = (await t.gql(COMPLETE, { i: ask }, user.token)).data!.complete;
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, charged: '0.000000', content: first.content, balance: { available: first.balance.available } });
    expect(second.id).not.toBe(first.id);
    const stats = (await t.gql(STATS, {}, user.token)).data!.cacheStats;
    expect(stats).toEqual({ requests: 2, hits: 1, hitRate: 0.5, creditsSaved: first.charged });
    const rows = await withClient(
      t.databaseUrl,
      async (c) => (await c.query(`select status, cached, charged from usage_event where user_id = $1 order by created_at`, [user.id])).rows,
    );
    expect(rows).toEqual([
      { status: 'ok', cached: false, charged: expect.any(String) },
      { status: 'cached', cached: true, charged: '0' },
    ]);
  });

  it('never serves one account the answer cached for another', async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    await t.gql(COMPLETE, { i: ask }, alice.token);
    const bobs = (await t.gql(COMPLETE, { i: ask }, bob.token)).data!.complete;
    expect(bobs.cached).toBe(false);
    expect(bobs.charged).not.toBe('0.000000');
  });

  it('misses when any parameter that changes the answer differs, and skips the cache when asked', async () => {
    const user = await signUp(t);
    await t.gql(COMPLETE, { i: ask }, user.token);
    expect((await t.gql(COMPLETE, { i: { ...ask, maxTokens: 41 } }, user.token)).data!.complete.cached).toBe(false);
    expect((await t.gql(COMPLETE, { i: { ...ask, temperature: 0.5 } }, user.token)).data!.complete.cached).toBe(false);
    expect((await t.gql(COMPLETE, { i: { ...ask, useCache: false } }, user.token)).data!.complete.cached).toBe(false);
  });

  it('expires an answer after its cacheTtlSeconds', async () => {
    const user = await signUp(t);
    await t.gql(COMPLETE, { i: { ...ask, cacheTtlSeconds: 1 } }, user.token);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await t.gql(COMPLETE, { i: ask }, user.token)).data!.complete.cached).toBe(false);
  });

  it('refuses a cacheTtlSeconds of 0 with BAD_USER_INPUT', async () => {
    const user = await signUp(t);
    expect(errorCode(await t.gql(COMPLETE, { i: { ...ask, cacheTtlSeconds: 0 } }, user.token))).toBe('BAD_USER_INPUT');
  });

  it('shows the admin the cache across accounts, and refuses it to users', async () => {
    const admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
    const all = (await t.gql('{ adminCacheStats { requests hits } }', {}, admin)).data!.adminCacheStats;
    expect(all.hits).toBeGreaterThanOrEqual(1);
    const user = await signUp(t);
    expect(errorCode(await t.gql('{ adminCacheStats { hits } }', {}, user.token))).toBe('FORBIDDEN');
  });
});
