import { randomBytes, randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withClient } from '../../../test-support/database.js';
import { startServerProcess, startThrowawayRedis, waitFor, type ServerProcess, type ThrowawayRedis } from '../../../test-support/server-process.js';
import { gqlClient, runLoad, streamCompletion, type Gql } from './outage-load.js';

/**
 * Issue 9: Redis lost under load used to end the process within two seconds (a PUBLISH nobody
 * awaited rejected). A real server process on its own redis-server, with whole and streamed
 * completions from several users in flight, loses Redis, serves on in degraded mode, and recovers.
 */
const ADMIN = { email: `admin-${randomBytes(4).toString('hex')}@tollgate.test`, password: 'admin-pass-12345' };
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id cached charged balance { balance } } }`;
const BALANCE_CHANGED = 'subscription { balanceChanged { balance held } }';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: ThrowawayRedis;
let server: ServerProcess;
let gql: Gql;
let admin: string;
const clients: Client[] = [];

beforeAll(async () => {
  [db, redis] = await Promise.all([createTestDatabase(), startThrowawayRedis()]);
  server = await startServerProcess({
    databaseUrl: db.url,
    redisUrl: redis.url,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    // Slow streams, so some are always mid-answer when Redis goes. A killed Redis closes its
    // sockets, so no timeout is needed to notice; a long one keeps a starved CI machine's slow
    // command from counting as a second outage.
    env: { SANDBOX_STREAM_DELAY_MS: '60', REDIS_COMMAND_TIMEOUT_MS: '5000' },
  });
  gql = gqlClient(server.url);
  admin = (await gql('mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: ADMIN })).signIn.token;
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server?.kill();
  await redis?.stop();
  await db?.drop();
});

let ip = 0;
async function newUser(): Promise<{ id: string; token: string }> {
  ip += 1;
  const input = { email: `outage-${randomUUID().slice(0, 8)}@example.com`, password: 'correct-horse-7' };
  const { signUp } = await gql('mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }', { input }, undefined, {
    'x-forwarded-for': `198.19.0.${ip}`,
  });
  // Enterprise: 600 requests a minute, so the load below never meets the per-minute limit.
  await gql('mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', { u: signUp.user.id, t: 'enterprise' }, admin);
  return { id: signUp.user.id, token: signUp.token };
}

function ws(token: string): Client {
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  return client;
}

/** balanceChanged for one user, collected as it comes. */
function balanceEvents(token: string): bigint[] {
  const seen: bigint[] = [];
  ws(token).subscribe(
    { query: BALANCE_CHANGED },
    { next: (msg: any) => msg.data && seen.push(parseCredits(msg.data.balanceChanged.balance)), error: () => undefined, complete: () => undefined },
  );
  return seen;
}

/** Completes until a balanceChanged carrying that completion's balance arrives: proves pushes flow end to end. */
async function pushArrives(token: string, seen: bigint[]): Promise<void> {
  await waitFor(
    async () => {
      const { complete } = await gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: `push ${randomUUID()}`, maxTokens: 8, useCache: false } }, token);
      const balance = parseCredits(complete.balance.balance);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return seen.includes(balance);
    },
    'a balanceChanged push for a new completion',
    20_000,
    0,
  );
}

const readyz = async () => (await fetch(`${server.url}/readyz`)).status;
/** Every wait below also fails at once, with the process's last words, should the process end. */
function serving(): true {
  if (!server.alive())
    throw new Error(
      `the server process ended: ${server.stderr()}\n${server.logs
        .slice(-5)
        .map((l) => JSON.stringify(l))
        .join('\n')}`,
    );
  return true;
}
const logged = (prefix: string) => server.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith(prefix));

describe('Redis lost under load', () => {
  it('keeps the process serving in degraded mode, charges only what succeeded, and recovers by itself', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => newUser()));
    const probe = await newUser();
    const pushes = balanceEvents(probe.token);
    await pushArrives(probe.token, pushes);

    const load = runLoad(
      gql,
      users.map((u) => ({ ...u, ws: ws(u.token) })),
    );
    await waitFor(() => load.successes('before') >= 12 && load.streamsMidAnswer() > 0, 'completions to flow and streams to be mid-answer', 30_000);
    // A keyed call holds its claim in Redis while it runs; Redis goes before it can release it.
    const keyedUser = await newUser();
    const keyedInput = { model: 'sandbox/echo', prompt: `keyed ${'word '.repeat(30)}`, maxTokens: 60, useCache: false, idempotencyKey: randomUUID() };
    let keyedTalking = false;
    const keyedCall = streamCompletion(ws(keyedUser.token), keyedInput, () => (keyedTalking = true));
    await waitFor(() => keyedTalking, 'the keyed stream to be mid-answer', 10_000);

    await redis.stop();
    load.phase('down');
    await waitFor(async () => serving() && (await readyz()) === 503, '/readyz to answer 503 while Redis is down', 10_000);
    expect(server.alive(), `stderr: ${server.stderr()}`).toBe(true);

    // Whole and streamed completions keep working while Redis is down.
    await waitFor(() => serving() && load.successes('down', 'whole') >= 8 && load.successes('down', 'stream') >= 4, 'completions during the outage', 30_000);
    expect(server.alive(), `stderr: ${server.stderr()}`).toBe(true);
    // The cache is skipped: the same request twice is answered (and charged) twice.
    const same = { model: 'sandbox/echo', prompt: 'same question while down', maxTokens: 8 };
    const first = (await gql(COMPLETE, { i: same }, probe.token)).complete;
    const second = (await gql(COMPLETE, { i: same }, probe.token)).complete;
    expect([first.cached, second.cached]).toEqual([false, false]);
    // The keyed call that lost its claim's release still answers, and its stored answer replays (PostgreSQL needs no claim).
    const keyed = await keyedCall;
    expect(keyed).toMatchObject({ ok: true, cached: false });
    const replayedDown = (await gql(COMPLETE, { i: keyedInput }, keyedUser.token)).complete;
    expect(replayedDown).toMatchObject({ id: (keyed as { id: string }).id, charged: expect.any(String) });
    // A new keyed completion cannot be claimed across replicas: refused with a retry hint, nothing charged.
    const before = await balanceOf(probe.token);
    const refused = await gql(COMPLETE, { i: { ...same, idempotencyKey: randomUUID() } }, probe.token, {}, true);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await balanceOf(probe.token)).toBe(before);

    await redis.start();
    load.phase('after');
    await waitFor(async () => serving() && (await readyz()) === 200, '/readyz to answer 200 once Redis is back', 20_000);
    await waitFor(() => serving() && load.successes('after', 'whole') >= 8 && load.successes('after', 'stream') >= 4, 'completions after the recovery', 30_000);
    const results = await load.stop();

    expect(server.alive(), `stderr: ${server.stderr()}`).toBe(true);
    // Not one call failed: a lost backplane is never a reason to refuse an unkeyed completion.
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(logged('unhandled promise rejection')).toEqual([]);
    // Every 503 probe above failed; each is a debug line (the outage itself is logged once per transition).
    expect(logged('readiness check failed')).toEqual([]);
    expect(server.logs.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    expect(logged('backplane down')).toHaveLength(1);
    expect(logged('backplane recovered')).toHaveLength(1);

    // After the recovery the keyed call replays once more, still the one answer.
    expect((await gql(COMPLETE, { i: keyedInput }, keyedUser.token)).complete.id).toBe(replayedDown.id);

    // The ledger holds exactly the successes' charges (so no call that answered an error was charged), and no hold is left.
    const userIds = [...users.map((u) => u.id), keyedUser.id];
    const charged = new Map(results.flatMap((r) => (r.ok && r.charged > 0n ? [[`completion:${r.id}`, r.charged] as const] : [])));
    if (keyed.ok) charged.set(`completion:${keyed.id}`, keyed.charged);
    await waitFor(async () => (await heldTotal(userIds)) === 0n, 'every hold to be settled or released');
    expect(await usageEntries(userIds)).toEqual(charged);

    // Back to normal: the shared cache answers a repeat, pushes reach an old and a new subscription, the ledger audits clean.
    const again = { model: 'sandbox/echo', prompt: 'same question after', maxTokens: 8 };
    expect((await gql(COMPLETE, { i: again }, probe.token)).complete.cached).toBe(false);
    expect((await gql(COMPLETE, { i: again }, probe.token)).complete).toMatchObject({ cached: true, charged: '0.000000' });
    await pushArrives(probe.token, pushes);
    await pushArrives(probe.token, balanceEvents(probe.token));
    const { ledgerAudit } = await gql('{ ledgerAudit { accountsChecked violations } }', {}, admin);
    expect(ledgerAudit.violations).toEqual([]);
  });
});

async function balanceOf(token: string): Promise<bigint> {
  return parseCredits((await gql('{ creditBalance { balance } }', {}, token)).creditBalance.balance);
}

async function heldTotal(userIds: string[]): Promise<bigint> {
  return withClient(db.url, async (c) =>
    BigInt((await c.query('select coalesce(sum(held), 0) as held from credit_account where user_id = any($1)', [userIds])).rows[0].held),
  );
}

/** Usage entries of these users by reference (`completion:<id>`), as positive micro-credits. */
async function usageEntries(userIds: string[]): Promise<Map<string, bigint>> {
  const rows = await withClient(
    db.url,
    async (c) =>
      (
        await c.query(
          `select e.reference, -e.amount as amount from ledger_entry e join credit_account a on a.id = e.account_id where a.user_id = any($1) and e.type = 'usage'`,
          [userIds],
        )
      ).rows,
  );
  return new Map(rows.map((r: { reference: string; amount: string }) => [r.reference, BigInt(r.amount)]));
}
