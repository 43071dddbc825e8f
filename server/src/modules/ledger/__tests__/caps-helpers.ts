/** Keys, teams and capped holds for the spend-cap suites, written straight into the harness's database. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import type { SpendPeriod } from '@tollgate/shared';
import { h, ledger } from './ledger-fixture.js';
import { insertUser, userActor } from './ledger-harness.js';
import { key } from './service-helpers.js';

/** An API key of `owner` on `account` (the owner's own, or a team's) with a cap, or none. */
export async function insertKey(owner: string, account: string, cap: { micro: bigint; period: SpendPeriod } | null = null): Promise<string> {
  const id = randomUUID();
  await h.sql.query(
    `insert into api_key (id, user_id, name, prefix, secret_hash, scopes, account_id, cap_micro, cap_period)
     values ($1, $2, 'caps', $3, $4, '{completions}', $5, $6, $7)`,
    [id, owner, `tg_${id.slice(0, 8)}`, randomUUID(), account, cap?.micro ?? null, cap?.period ?? null],
  );
  return id;
}

/** A team (an account holder of kind `team`) with its members, each with an optional cap. */
export async function insertTeam(members: Array<{ userId: string; cap?: { micro: bigint; period: SpendPeriod } }>): Promise<string> {
  const id = randomUUID();
  await h.sql.query(`insert into app_user (id, email, password_hash, kind) values ($1, $2, '!', 'team')`, [id, `team-${id}@teams.invalid`]);
  await h.sql.query(`insert into team (id, name, billing_email, created_by) values ($1, 'Caps', 'billing@caps.test', $2)`, [id, members[0]!.userId]);
  for (const [i, m] of members.entries()) {
    await h.sql.query(`insert into team_member (team_id, user_id, role, cap_micro, cap_period) values ($1, $2, $3, $4, $5)`, [
      id,
      m.userId,
      i === 0 ? 'owner' : 'member',
      m.cap?.micro ?? null,
      m.cap?.period ?? null,
    ]);
  }
  return id;
}

export const newPerson = () => insertUser(h.sql);

/** A capped hold on `account`, by `memberId` with `apiKeyId`. */
export const cappedHold = (account: string, amount: bigint, by: { memberId: string; apiKeyId?: string | null }) =>
  ledger.hold({ userId: account, amount, idempotencyKey: key('capped'), ttlSeconds: 3600, memberId: by.memberId, apiKeyId: by.apiKeyId ?? null, capped: true });

/** Hold then settle `amount` at once: a call that spent it. */
export async function spendCapped(account: string, amount: bigint, by: { memberId: string; apiKeyId?: string | null }) {
  const { hold } = await cappedHold(account, amount, by);
  return ledger.settle({ userId: account, holdId: hold.id, amount, actor: userActor(by.memberId), description: 'completion' });
}

/** The refusal a capped hold must answer: TIER_LIMIT_EXCEEDED with the cap's numbers. */
export async function expectCapRefusal(promise: Promise<unknown>, expected: Record<string, unknown>): Promise<void> {
  let error: unknown = null;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  expect(e.code).toBe('TIER_LIMIT_EXCEEDED');
  expect(e.extensions).toMatchObject({ limit: 'spend_cap', ...expected });
}
