import { ENTRY_COLUMNS } from './ledger.rows.js';

/**
 * The statements on the spend path, by name, so the benchmark can run exactly these bare through
 * `pg` beside the service (bench/ledger.bench.ts). Each runs inside the caller's transaction.
 */

/** The fixed burn order: priority, soonest expiry (never-expiring last), oldest, id. */
export const BURN_ORDER = 'priority, expires_at asc nulls last, created_at, id';

export const LOCK_COLUMNS = `a.id, a.user_id, a.balance, a.held, a.low_balance_threshold, a.low_balance_alerted,
  exists(select 1 from credit_grant g where g.account_id = a.id and g.remaining > 0 and g.expires_at <= $2) as grants_due,
  exists(select 1 from credit_hold h where h.account_id = a.id and h.status = 'active' and h.expires_at <= $2) as holds_due`;

/** $1 user id, $2 now, $3 id for a new account. Opens the account if missing, locks it, says what is due. */
export const LOCK_ACCOUNT = `with opened as (
    insert into credit_account (id, user_id) select $3, id from app_user where id = $1
    on conflict (user_id) do nothing)
  select ${LOCK_COLUMNS} from credit_account a where a.user_id = $1 for update of a`;

/** $1 account id, $2 idempotency key. */
export const REPLAY_ENTRY = `select ${ENTRY_COLUMNS}, request_hash from ledger_entry where account_id = $1 and idempotency_key = $2`;

/** $1..$14: id, account, type, amount, balance_after, actor type, actor id, reference, description, key, hash, created_at, member id, API key id. */
export const APPEND_ENTRY = `insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, idempotency_key, request_hash, created_at,
    member_id, api_key_id)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning ${ENTRY_COLUMNS}`;

/**
 * $1 account id, $2 amount, $3 entry id. Draws from grants in burn order, one statement, and links the
 * draws. `preferFirst` puts some grants ahead of the burn order (an SQL boolean expression, true first);
 * `onlyWhere` narrows the grants drawn from (an SQL condition); both may use parameters from $4 on.
 */
export function burnStatement({ preferFirst, onlyWhere }: { preferFirst?: string; onlyWhere?: string } = {}): string {
  return `with ordered as (
    select id, remaining, sum(remaining) over (order by ${preferFirst ? `coalesce(${preferFirst}, false) desc, ` : ''}${BURN_ORDER}) as running
    from credit_grant where account_id = $1 and remaining > 0${onlyWhere ? ` and ${onlyWhere}` : ''}),
  draws as (
    select id, least(remaining, $2::bigint - (running - remaining)) as draw
    from ordered where running - remaining < $2::bigint),
  burnt as (
    update credit_grant g set remaining = g.remaining - d.draw from draws d where g.id = d.id returning g.id, d.draw)
  insert into ledger_entry_grant (entry_id, grant_id, amount) select $3, id, draw from burnt`;
}

/** The ledger's own burn: every grant, in burn order. */
export const BURN_GRANTS = burnStatement();

/** $1 account id, $2 balance, $3 held, $4 alerted, $5 now, $6 threshold. */
export const SAVE_ACCOUNT = `update credit_account set balance = $2, held = $3, low_balance_alerted = $4, updated_at = $5, low_balance_threshold = $6 where id = $1`;
