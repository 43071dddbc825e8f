import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { Balance, CreditHold } from './ledger.domain.js';
import { toBalance } from './ledger.account.js';
import { HOLD_COLUMNS, toHold } from './ledger.rows.js';

/**
 * A hold in one statement, one round trip, its own transaction (autocommit): lock the account, check
 * that nothing on it is past its deadline and that the available balance covers the amount, insert
 * the hold under its idempotency key, and add it to `held`. The same steps, and the same lock, as
 * the general path in LedgerService.hold, without BEGIN/COMMIT and four more round trips.
 *
 * It answers only the common case. When it writes nothing (no account yet, a grant or hold due to
 * expire first, a key used before, too little credit) it returns null and the caller takes the
 * general path, which opens, expires, replays or refuses exactly as before. Nothing is half done:
 * the insert and the update are one statement. `held` is raised from the row as locked (`c.held`),
 * never from a value read earlier; the balance itself does not move, so the low-balance state
 * (`low_balance_alerted`, set from balance and threshold at every save) stays true.
 *
 * $1 user id, $2 now, $3 hold id, $4 amount, $5 reference, $6 idempotency key, $7 request hash, $8 expires at.
 */
const HOLD_IN_ONE = `with a as (
    select a.id, a.user_id, a.balance, a.held, a.low_balance_threshold,
      exists(select 1 from credit_grant g where g.account_id = a.id and g.remaining > 0 and g.expires_at <= $2)
      or exists(select 1 from credit_hold h where h.account_id = a.id and h.status = 'active' and h.expires_at <= $2) as due
    from credit_account a where a.user_id = $1 for update of a),
  h as (
    insert into credit_hold (id, account_id, amount, reference, idempotency_key, request_hash, expires_at, created_at)
    select $3, a.id, $4::bigint, $5, $6, $7, $8, $2 from a where not a.due and a.balance - a.held >= $4::bigint
    on conflict (account_id, idempotency_key) do nothing
    returning ${HOLD_COLUMNS}),
  u as (
    update credit_account c set held = c.held + h.amount, updated_at = $2 from h where c.id = h.account_id
    returning c.id, c.user_id, c.balance, c.held, c.low_balance_threshold)
  select h.*, u.user_id as a_user_id, u.balance as a_balance, u.held as a_held, u.low_balance_threshold as a_threshold from h join u on u.id = h.account_id`;

export interface NewHold {
  userId: string;
  amount: bigint;
  reference: string | null;
  key: string;
  hash: string;
  expiresAt: Date;
  now: Date;
}

/** The hold and the account as the statement left it, or null: take the general path. */
export async function holdInOne(sql: Sql, h: NewHold): Promise<{ hold: CreditHold; balance: Balance } | null> {
  const [row] = await sql.query(HOLD_IN_ONE, [h.userId, h.now, randomUUID(), h.amount, h.reference, h.key, h.hash, h.expiresAt]);
  if (!row) return null;
  const balance = toBalance({ id: row.account_id, userId: row.a_user_id, balance: BigInt(row.a_balance), held: BigInt(row.a_held), threshold: BigInt(row.a_threshold) });
  return { hold: toHold(row), balance };
}
