/** Teams, capped keys and bursts for the spend-cap suites: real server, real PostgreSQL, real HTTP. */
import { randomUUID } from 'node:crypto';
import { formatCredits, parseCredits } from '@tollgate/shared';
import { expect } from 'vitest';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { ok, type User } from './support.js';

export const CAP = 10_000_000n; // 10 credits
export const MAX_TOKENS = 400;
/** Much longer than MAX_TOKENS: the echo fills the whole output budget, so every success costs exactly its hold. */
export const LONG_PROMPT = Array.from({ length: 600 }, (_, i) => `cap${i}`).join(' ');
export const ASK = { model: 'sandbox/echo', prompt: LONG_PROMPT, maxTokens: MAX_TOKENS, useCache: false };

export const run = <T>(t: TestApp, fn: (c: { query: (q: string, p?: unknown[]) => Promise<{ rows: any[] }> }) => Promise<T>) => withClient(t.databaseUrl, fn);

/** What each call holds (and, filling its budget, is charged), as estimateCost prices it for this account. */
export async function worstCase(t: TestApp, token: string, headers?: Record<string, string>): Promise<bigint> {
  const query = `query($i: EstimateCostInput!) { estimateCost(input: $i) { maxOutputTokens maxCredits } }`;
  const e = ok(await t.gql(query, { i: { model: ASK.model, prompt: ASK.prompt, maxTokens: MAX_TOKENS } }, token, headers), 'estimateCost');
  expect(e.maxOutputTokens).toBe(MAX_TOKENS);
  return parseCredits(e.maxCredits);
}

export async function grantTo(t: TestApp, admin: string, userId: string, micro: bigint): Promise<void> {
  const input = { userId, amount: formatCredits(micro), reason: 'caps test', idempotencyKey: randomUUID() };
  ok(await t.gql(`mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`, { i: input }, admin), 'adminGrantCredits');
}

/** A team (an account holder of kind `team`) owned by `owner`, with `members`; its tier set by the admin. */
export async function makeTeam(t: TestApp, admin: string, owner: User, members: User[], tier: string): Promise<string> {
  const id = randomUUID();
  await run(t, async (c) => {
    await c.query(`insert into app_user (id, email, password_hash, kind) values ($1, $2, '!', 'team')`, [id, `team-${id}@teams.invalid`]);
    await c.query(`insert into team (id, name, billing_email, created_by) values ($1, 'Caps team', 'billing@caps.test', $2)`, [id, owner.id]);
    await c.query(`insert into team_member (team_id, user_id, role) values ($1, $2, 'owner')`, [id, owner.id]);
    for (const m of members) await c.query(`insert into team_member (team_id, user_id, role) values ($1, $2, 'member')`, [id, m.id]);
  });
  ok(await t.gql(`mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }`, { u: id, t: tier }, admin), 'adminSetTier');
  for (const p of [owner, ...members]) await t.app.services.principals.invalidate(p.id);
  return id;
}

/** Moves a key to an account (a team's), as creating it while acting for the team does. */
export async function moveKey(t: TestApp, keyId: string, accountId: string, ownerId: string): Promise<void> {
  await run(t, (c) => c.query(`update api_key set account_id = $2 where id = $1`, [keyId, accountId]));
  await t.app.services.principals.invalidate(ownerId);
}

export async function setKeyCap(t: TestApp, keyId: string, ownerId: string, micro: bigint | null, period: 'day' | 'week' | 'month' | null): Promise<void> {
  await run(t, (c) => c.query(`update api_key set cap_micro = $2, cap_period = $3 where id = $1`, [keyId, micro, period]));
  await t.app.services.principals.invalidate(ownerId);
}

export async function setMemberCap(t: TestApp, teamId: string, userId: string, micro: bigint | null, period: 'day' | 'week' | 'month' | null): Promise<void> {
  await run(t, (c) => c.query(`update team_member set cap_micro = $3, cap_period = $4 where team_id = $1 and user_id = $2`, [teamId, userId, micro, period]));
  await t.app.services.principals.invalidate(userId);
}

/** Usage (and refund) entries and active holds with this attribution: what the cap limits. */
export async function spentBy(t: TestApp, where: { apiKeyId: string } | { memberId: string; accountUserId: string }): Promise<bigint> {
  const [filter, params] =
    'apiKeyId' in where
      ? ['e.api_key_id = $1', [where.apiKeyId]]
      : ['e.member_id = $1 and e.account_id = (select id from credit_account where user_id = $2)', [where.memberId, where.accountUserId]];
  const rows = await run(t, (c) =>
    c.query(`select coalesce(-sum(e.amount), 0)::text as spent from ledger_entry e where ${filter} and e.type in ('usage', 'refund')`, params),
  );
  return BigInt(rows.rows[0].spent);
}

/** The burst's answers: successes and the codes of the failures. */
export function outcome(results: GqlResult[]) {
  const successes = results.filter((r) => !r.errors).map((r) => parseCredits(r.data!.complete.charged as string));
  const failures = results.filter((r) => r.errors).map((r) => r.errors![0]!);
  return { successes, failures };
}
