/** What the gateway's concurrency and bad-input suites share: users, money moves, snapshots of an account. */
import { randomUUID } from 'node:crypto';
import { formatCredits, parseCredits } from '@tollgate/shared';
import { inject } from 'vitest';
import { startTestApp, TEST_ADMIN, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

export const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model charged usage { inputTokens outputTokens } balance { available } } }`;
const SNAPSHOT = '{ creditBalance { balance held available } creditTransactions(first: 1) { totalCount } cacheStats { requests } }';
const USAGE_PAGE = `query($after: String) { creditTransactions(first: 100, after: $after, types: [USAGE]) { nodes { amount } pageInfo { endCursor hasNextPage } totalCount } }`;

/** A test app on the run's real Redis when there is one (its own key prefix, so files never share counters). */
export function startGatewayApp(tag: string): Promise<TestApp> {
  const redisUrl = inject('redisUrl');
  return startTestApp(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-${tag}-${process.pid}-${randomUUID().slice(0, 8)}:` } : {});
}

export async function signInAdmin(t: TestApp): Promise<string> {
  return ok(await t.gql(SIGN_IN, { input: TEST_ADMIN }), 'signIn').token;
}

/** The data field of a result, or a failure naming what went wrong. */
export function ok<T = any>(res: GqlResult, field: string): T {
  if (!res.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(res.errors)}`);
  return res.data[field] as T;
}

export interface User {
  id: string;
  token: string;
}

let ip = 0;
/** A new user, each from an address of its own (sign-up is rate-limited per IP); on `tier` when given. */
export async function newUser(t: TestApp, admin: string, tag: string, tier?: string): Promise<User> {
  ip += 1;
  const res = await t.gql(SIGN_UP, { input: { email: uniqueEmail(tag), password: GOOD_PASSWORD } }, undefined, {
    'x-forwarded-for': `198.18.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
  });
  const payload = ok(res, 'signUp');
  const user = { id: payload.user.id as string, token: payload.token as string };
  if (tier) ok(await t.gql(`mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }`, { u: user.id, t: tier }, admin), 'adminSetTier');
  return user;
}

export async function keyFor(t: TestApp, user: User, scopes: string[]): Promise<{ id: string; secret: string }> {
  return createKey(t, user.token, scopes);
}

export interface Balance {
  balance: bigint;
  held: bigint;
  available: bigint;
}

export async function balanceOf(t: TestApp, token: string): Promise<Balance> {
  const b = ok(await t.gql('{ creditBalance { balance held available } }', {}, token), 'creditBalance');
  return { balance: parseCredits(b.balance), held: parseCredits(b.held), available: parseCredits(b.available) };
}

/** Moves the user's available balance to exactly `target` micro-credits with an admin grant or deduction. */
export async function setAvailable(t: TestApp, admin: string, user: User, target: bigint): Promise<void> {
  const { available } = await balanceOf(t, user.token);
  if (available === target) return;
  const [mutation, amount] = target > available ? ['adminGrantCredits', target - available] : ['adminDeductCredits', available - target];
  const input = { userId: user.id, amount: formatCredits(amount), reason: 'gateway test setup', idempotencyKey: randomUUID() };
  ok(await t.gql(`mutation($i: AdminCreditInput!) { ${mutation}(input: $i) { id } }`, { i: input }, admin), mutation);
}

/** Everything a refused request must leave alone: the balance, the ledger's entry count, the successful usage events. */
export async function snapshot(t: TestApp, token: string) {
  const res = await t.gql(SNAPSHOT, {}, token);
  if (!res.data) throw new Error(`snapshot failed: ${JSON.stringify(res.errors)}`);
  return {
    balance: res.data.creditBalance,
    entries: res.data.creditTransactions.totalCount as number,
    meteredRequests: res.data.cacheStats.requests as number,
  };
}

/** Every usage entry of the account, paged through: the amounts (negative, micro-credits). */
export async function usageEntries(t: TestApp, token: string): Promise<bigint[]> {
  const amounts: bigint[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok(await t.gql(USAGE_PAGE, { after }, token), 'creditTransactions');
    amounts.push(...page.nodes.map((n: { amount: string }) => signedCredits(n.amount)));
    if (!page.pageInfo.hasNextPage) return amounts;
    after = page.pageInfo.endCursor;
  }
}

export async function ledgerAudit(t: TestApp, admin: string): Promise<{ accountsChecked: number; violations: string[] }> {
  return ok(await t.gql('{ ledgerAudit { accountsChecked violations } }', {}, admin), 'ledgerAudit');
}

export const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/** A Credits string that may carry a minus sign (ledger entries are signed), in micro-credits. */
export const signedCredits = (s: string): bigint => (s.startsWith('-') ? -parseCredits(s.slice(1)) : parseCredits(s));
