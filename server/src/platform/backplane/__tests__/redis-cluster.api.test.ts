import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN, uniqueEmail } from '../../../modules/auth/__tests__/helpers.js';
import { ledgerAudit } from '../../../modules/gateway/__tests__/support.js';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { startRedisCluster, type RedisCluster } from '../../../test-support/redis-cluster.js';

/**
 * Two Tollgate instances on one PostgreSQL and a real three-master Redis Cluster
 * (REDIS_URL=redis-cluster://…): ready, one rate limit across both, idempotent replays across both.
 */
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged } }`;
let cluster: RedisCluster;
let one: TestApp;
let two: TestApp;
let user: { token: string; id: string };
let admin: string;

beforeAll(async () => {
  cluster = await startRedisCluster();
  one = await startTestApp({ REDIS_URL: cluster.url });
  two = await startTestApp({ REDIS_CLUSTER_NODES: cluster.nodes.join(',') }, { databaseUrl: one.databaseUrl });
  admin = (await one.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
  const res = await one.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`, {
    input: { email: uniqueEmail('cluster'), password: 'correct-horse-7' },
  });
  user = { token: res.data!.signUp.token, id: res.data!.signUp.user.id };
  await one.gql(`mutation { adminSetTier(userId: "${user.id}", tier: "starter") { id } }`, {}, admin);
});
afterAll(async () => {
  await two?.stop();
  await one?.stop();
  await cluster?.stop();
});

describe('two instances on a Redis Cluster', () => {
  it('are both ready, on the cluster', async () => {
    expect(one.app.backplane.kind).toBe('redis');
    for (const app of [one, two]) expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('replay a keyed completion made on one from the other, charged once', async () => {
    const i = { model: 'sandbox/echo', prompt: 'once', maxTokens: 5, idempotencyKey: randomUUID() };
    const first = await one.gql(COMPLETE, { i }, user.token);
    const again = await two.gql(COMPLETE, { i }, user.token);
    expect(first.errors).toBeUndefined();
    expect(again.data!.complete).toEqual(first.data!.complete);
  });

  it("admit at most the tier's 60 a minute across both", async () => {
    // One completion is already spent above.
    const results = await Promise.all(
      Array.from({ length: 70 }, (_, n) => (n % 2 ? one : two).gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi', maxTokens: 5 } }, user.token)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(59);
    expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(11);
  });

  it('leave the ledger consistent', async () => {
    expect((await ledgerAudit(one, admin)).violations).toEqual([]);
  });
});
