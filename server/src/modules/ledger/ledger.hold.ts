import { randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';
import type { Balance, CreditHold } from './ledger.domain.js';
import { toBalance } from './ledger.account.js';
import { HOLD_COLUMNS, toHold } from './ledger.rows.js';

/**
 * Another module's condition on a hold, read in the hold's own statement (the month's usage against
 * the tier's limits): a SELECT yielding one row with `g_ok` (hold only when true), `g_amount` (what
 * to hold) and any other `g_`-named columns the caller wants back; parameters numbered from `first`.
 */
export interface Guard {
  select(first: number): string;
  params: unknown[];
}

/**
 * A hold in one statement, one round trip, its own transaction (autocommit): raise the account's
 * `held` where the available balance covers the amount, nothing on the account is past its deadline
 * and the idempotency key is new, and insert the hold. The same steps, and the same row lock, as the
 * general path in LedgerService.hold, without BEGIN/COMMIT and four more round trips.
 *
 * The checks sit in the UPDATE's WHERE on purpose: under READ COMMITTED an UPDATE that waited for
 * the row lock re-checks its WHERE against the row as committed (the balance and `held` a concurrent
 * hold or settle just wrote), where a `SELECT … FOR UPDATE` in a CTE could hand a sibling the values
 * of the statement's older snapshot (a test of 500 concurrent calls caught exactly that through the
 * `held ≤ balance` check constraint). The insert reads the updated row, so no hold exists without
 * its `held`, and a key inserted concurrently fails the whole statement on the unique constraint.
 *
 * It answers only the common case. When it writes nothing (no account yet, something due, a key used
 * before, too little credit) the caller takes the general path, which opens, expires, replays or
 * refuses exactly as before. The balance does not move, so the low-balance state stays as it was.
 *
 * The hold commits without waiting for its WAL to reach disk (`synchronous_commit` off for this
 * statement's own transaction only): a reservation moves no money, and the settle that follows does
 * wait for its flush, which writes the hold's earlier WAL too. A database crash can lose only holds
 * whose calls had not settled; their settle then finds no hold and charges nothing, so a lost hold
 * can under-charge an interrupted call but never overdraw an account (decision 0043).
 *
 * $1 user id, $2 now, $3 hold id, $4 amount (unguarded), $5 reference, $6 idempotency key, $7 request hash, $8 expires at,
 * $9 member id, $10 API key id (attribution: who spent, copied into the usage entry at the settle); the guard's parameters from $11.
 */
const holdInOneSql = (guard: string) => `with g as (${guard}),
  lazily as (select set_config('synchronous_commit', 'off', true)),
  u as (
    update credit_account c set held = c.held + g.g_amount, updated_at = $2
    from g
    where g.g_ok and c.user_id = $1 and c.balance - c.held >= g.g_amount
      and not exists(select 1 from credit_grant x where x.account_id = c.id and x.remaining > 0 and x.expires_at <= $2)
      and not exists(select 1 from credit_hold d where d.account_id = c.id and d.status = 'active' and d.expires_at <= $2)
      and not exists(select 1 from credit_hold k where k.account_id = c.id and k.idempotency_key = $6)
    returning c.id, c.user_id, c.balance, c.held, c.low_balance_threshold, g.g_amount),
  h as (
    insert into credit_hold (id, account_id, amount, reference, idempotency_key, request_hash, expires_at, created_at, member_id, api_key_id)
    select $3, u.id, u.g_amount, $5, $6, $7, $8, $2, $9::uuid, $10::uuid from u
    returning ${HOLD_COLUMNS})
  select g.*, $4::bigint as asked, h.*, u.user_id as a_user_id, u.balance as a_balance, u.held as a_held, u.low_balance_threshold as a_threshold
  from g cross join lazily left join (h join u on u.id = h.account_id) on true`;

/** No condition: hold `$4`. */
const HOLD_IN_ONE = holdInOneSql('select true as g_ok, $4::bigint as g_amount');

export interface NewHold {
  userId: string;
  amount: bigint;
  reference: string | null;
  key: string;
  hash: string;
  expiresAt: Date;
  now: Date;
  /** Who spent (the person) and with which key: written on the hold, copied into its usage entry. */
  memberId: string | null;
  apiKeyId: string | null;
  /** A spend cap applies: the hold takes the capped path (ledger.hold-capped.ts). */
  capped: boolean;
}

/**
 * The hold and the account as the statement left it; or `hold` null: take the general path (or, when
 * `guard.g_ok` is false, the guard refused and nothing was written). `guard` is the guard's row
 * (null when the statement failed on a concurrent key).
 */
export async function holdInOne(
  sql: Sql,
  h: NewHold,
  guard?: Guard,
): Promise<{ hold: CreditHold; balance: Balance; guard: Row } | { hold: null; guard: Row | null }> {
  let row;
  const params = [h.userId, h.now, randomUUID(), h.amount, h.reference, h.key, h.hash, h.expiresAt, h.memberId, h.apiKeyId];
  try {
    // Fixed texts (the guard's is too): prepared, so PostgreSQL plans them once per connection.
    [row] = guard
      ? await sql.query(holdInOneSql(guard.select(params.length + 1)), [...params, ...guard.params], { prepare: true })
      : await sql.query(HOLD_IN_ONE, params, { prepare: true });
  } catch (err) {
    // The same key committed by a concurrent call: nothing was written; the general path replays it.
    if ((err as { code?: string }).code === '23505') return { hold: null, guard: null };
    throw err;
  }
  if (!row?.id) return { hold: null, guard: row ?? null };
  const balance = toBalance({
    id: row.account_id,
    userId: row.a_user_id,
    balance: BigInt(row.a_balance),
    held: BigInt(row.a_held),
    threshold: BigInt(row.a_threshold),
  });
  return { hold: toHold(row), balance, guard: row };
}
