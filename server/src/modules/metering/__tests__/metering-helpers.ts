import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../platform/sql.js';
import { TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';
import type { UsageEvent } from '../usage.store.js';

export interface User {
  token: string;
  id: string;
}

let ip = 0;
/** Sign-ups are limited per address; each user here comes from one of its own (loopback is a trusted proxy). */
export async function newUser(t: TestApp, tag = 'metering'): Promise<User> {
  ip += 1;
  const res = await t.gql(SIGN_UP, { input: { email: uniqueEmail(tag), password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': `203.0.113.${ip % 250}` });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id };
}

export async function adminSession(t: TestApp): Promise<User> {
  const res = await t.gql(SIGN_IN, { input: TEST_ADMIN }, undefined, { 'x-forwarded-for': '203.0.113.251' });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signIn.token, id: res.data.signIn.user.id };
}

export async function setTier(t: TestApp, admin: string, userId: string, tier: string): Promise<void> {
  const res = await t.gql(`mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }`, { u: userId, t: tier }, admin);
  if (!res.data) throw new Error(`adminSetTier failed: ${JSON.stringify(res.errors)}`);
}

export async function grant(t: TestApp, admin: string, userId: string, amount: string): Promise<void> {
  const res = await t.gql(
    `mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`,
    { i: { userId, amount, reason: 'metering test', idempotencyKey: randomUUID() } },
    admin,
  );
  if (!res.data) throw new Error(`grant failed: ${JSON.stringify(res.errors)}`);
}

/** A completion usage event with every field defaulted; tests override what they look at. */
export function event(userId: string, e: Partial<UsageEvent> = {}): UsageEvent {
  return {
    userId,
    apiKeyId: null,
    service: 'completion',
    modelId: 'sandbox/echo',
    provider: 'sandbox',
    status: 'ok',
    errorCode: null,
    inputTokens: 0,
    outputTokens: 0,
    costNano: 0n,
    markupBps: 0n,
    charged: 0n,
    cached: false,
    byok: false,
    latencyMs: 1,
    holdId: null,
    idempotencyKey: null,
    requestHash: null,
    response: null,
    ...e,
  };
}

const FIGURES = ['requests', 'cached_requests', 'error_requests', 'input_tokens', 'output_tokens', 'units', 'cost_nano', 'charged', 'saved'];

/**
 * The rollup invariant: every usage_daily row equals the sums of its events, and every group of
 * events has its row. Returns the rows that disagree (none when the rollup is exact).
 */
export async function rollupDrift(sql: Sql): Promise<unknown[]> {
  return sql.query(`
    with e as (
      select user_id, (created_at at time zone 'UTC')::date as day, service, coalesce(model_id, '') as model_id,
        coalesce(provider, '') as provider, byok, status,
        count(*) filter (where status <> 'error') as requests, count(*) filter (where cached) as cached_requests,
        count(*) filter (where status = 'error') as error_requests, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
        sum(units) as units, sum(cost_nano) as cost_nano, sum(charged) as charged, sum(saved) as saved
      from usage_event group by 1, 2, 3, 4, 5, 6, 7
    )
    select * from usage_daily d full outer join e using (user_id, day, service, model_id, provider, byok, status)
    where ${FIGURES.map((f) => `d.${f} is distinct from e.${f}`).join(' or ')}`);
}

export async function eventCount(sql: Sql, userId: string): Promise<number> {
  return Number((await sql.query(`select count(*) as n from usage_event where user_id = $1`, [userId]))[0]!.n);
}

export async function rollupRows(sql: Sql, userId: string): Promise<number> {
  return Number((await sql.query(`select count(*) as n from usage_daily where user_id = $1`, [userId]))[0]!.n);
}

export async function balanceOf(t: TestApp, token: string): Promise<{ balance: string; available: string }> {
  const res = await t.gql('{ creditBalance { balance available } }', {}, token);
  if (!res.data) throw new Error(`creditBalance failed: ${JSON.stringify(res.errors)}`);
  return res.data.creditBalance;
}
