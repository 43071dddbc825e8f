import { randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';
import type { Balance, CreditHold } from './ledger.domain.js';
import { toBalance } from './ledger.account.js';
import { refusalOf, SpendCapExceededError, type CapRefusal } from './ledger.caps.js';
import { holdInOne, type Guard, type NewHold } from './ledger.hold.js';

/**
 * The capped hold (a key or member spend cap applies): still ONE statement, the guard's SELECT (the
 * month's usage against the tier) then `ledger_hold_capped` (migration 31), which locks the account
 * first and only then reads the caps and the period's spend, so 200 concurrent calls on one key see
 * each other's holds and can never pass its cap (docs/decisions/0056-spend-caps.md). The uncapped
 * hold (ledger.hold.ts) never reads a cap and stays exactly as cheap.
 *
 * $1 user id, $2 now, $3 hold id, $4 amount (unguarded), $5 reference, $6 idempotency key, $7 request hash,
 * $8 expires at, $9 member id, $10 API key id; the guard's parameters from $11.
 */
const cappedSql = (guard: string) => `with g as (${guard})
  select g.*, $4::bigint as asked, c.* from g cross join lateral ledger_hold_capped($1::uuid, $2::timestamptz, $3::uuid, g.g_ok, g.g_amount::bigint, $5::text, $6::text,
    $7::text, $8::timestamptz, $9::uuid, $10::uuid) c`;

const UNGUARDED = cappedSql('select true as g_ok, $4::bigint as g_amount');

export type CappedHold =
  | { hold: CreditHold; balance: Balance; guard: Row; refusal: null }
  /** Nothing written: `refusal` set when a cap refused; `guard.g_ok` false when the guard did; else the general path decides. */
  | { hold: null; guard: Row | null; refusal: CapRefusal | null };

export async function holdCapped(sql: Sql, h: NewHold, guard?: Guard): Promise<CappedHold> {
  const id = randomUUID();
  const params = [h.userId, h.now, id, h.amount, h.reference, h.key, h.hash, h.expiresAt, h.memberId, h.apiKeyId];
  let row;
  try {
    [row] = guard
      ? await sql.query(cappedSql(guard.select(params.length + 1)), [...params, ...guard.params], { prepare: true })
      : await sql.query(UNGUARDED, params, { prepare: true });
  } catch (err) {
    // The same key committed by a concurrent call: nothing was written; the general path replays it.
    if ((err as { code?: string }).code === '23505') return { hold: null, guard: null, refusal: null };
    throw err;
  }
  if (!row) return { hold: null, guard: null, refusal: null };
  if (row.outcome === 'cap') {
    const asked = row.g_amount != null ? BigInt(row.g_amount) : h.amount;
    return { hold: null, guard: row, refusal: { ...refusalOf(row, 'cap_'), askedMicro: asked } };
  }
  if (row.outcome !== 'held') return { hold: null, guard: row, refusal: null };
  const amount = BigInt(row.g_amount);
  const hold: CreditHold = {
    id,
    accountId: row.a_account_id,
    amount,
    status: 'active',
    reference: h.reference,
    expiresAt: h.expiresAt,
    settledAmount: null,
    entryId: null,
    createdAt: h.now,
    closedAt: null,
  };
  const balance = toBalance({
    id: row.a_account_id,
    userId: h.userId,
    balance: BigInt(row.a_balance),
    held: BigInt(row.a_held),
    threshold: BigInt(row.a_threshold),
  });
  return { hold, balance, guard: row, refusal: null };
}

/**
 * The hold's one statement: the capped one when a cap may apply, the uncapped one otherwise. A cap's
 * refusal throws SpendCapExceededError (nothing was written); every other miss returns `hold` null
 * for the caller's general path, as holdInOne does.
 */
export async function quickHold(
  sql: Sql,
  h: NewHold,
  guard?: Guard,
): Promise<{ hold: CreditHold; balance: Balance; guard: Row } | { hold: null; guard: Row | null }> {
  if (!h.capped) return holdInOne(sql, h, guard);
  const capped = await holdCapped(sql, h, guard);
  if (capped.refusal) throw new SpendCapExceededError(capped.refusal);
  return capped.hold ? capped : { hold: null, guard: capped.guard };
}
