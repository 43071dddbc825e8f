import { periodReset, periodStart, type SpendPeriod } from '@tollgate/shared';
import type { Sql } from '../../platform/sql.js';

/**
 * What a spend cap limits, read for display (docs/decisions/0056-spend-caps.md, 0060-key-limits-api.md).
 * The one definition, in SQL functions the capped hold calls too under the account's lock: for a key K (or a
 * member M on account A), since the period's start S,
 *   spent = greatest(0, −Σ ledger_entry.amount of K's (or A's and M's) 'usage' and 'refund' entries
 *           created at or after S) + Σ credit_hold.amount of K's (or A's and M's) active holds.
 * A refund counts when it is made, a call in the period it settles in; an active hold counts whenever it
 * was taken. This read takes no lock: it is what was committed when it ran.
 */

/** One row to read: a key id or a member's user id, and the period whose spend is wanted. */
export interface SpendQuery {
  id: string;
  period: SpendPeriod;
}

/** A period's spend: what was spent since `periodStart`; the period ends (a cap resets) at `resetsAt`. */
export interface PeriodSpend {
  spentMicro: bigint;
  periodStart: Date;
  resetsAt: Date;
}

/**
 * Per key, through the same SQL function the capped hold calls (`ledger_key_spend`, migration 32);
 * holds are looked up within the key's account (its index).
 */
const KEY_SPEND_SQL = `
  select q.n, ledger_key_spend(c.id, q.id, q.since) as spent
    from unnest($1::uuid[], $2::timestamptz[]) with ordinality as q(id, since, n)
    left join api_key k on k.id = q.id
    left join credit_account c on c.user_id = k.account_id`;

/** Per member of one account (`$1`: the account holder's user id, i.e. the team's id), through `ledger_member_spend`. */
const MEMBER_SPEND_SQL = `
  select q.n, ledger_member_spend(a.id, q.id, q.since) as spent
    from unnest($2::uuid[], $3::timestamptz[]) with ordinality as q(id, since, n)
    left join credit_account a on a.user_id = $1`;

/** Spend per cap, every row in one statement (a list of keys or members costs one query, not one each). */
export class SpendReads {
  constructor(private readonly sql: Sql) {}

  /** Each key's spend in its period holding `now`, in the order asked. */
  keys(queries: readonly SpendQuery[], now: Date = new Date()): Promise<PeriodSpend[]> {
    return this.read(KEY_SPEND_SQL, [], queries, now);
  }

  /** Each member's spend on the account `accountUserId` (a team's id) in the period holding `now`, in the order asked. */
  members(accountUserId: string, queries: readonly SpendQuery[], now: Date = new Date()): Promise<PeriodSpend[]> {
    return this.read(MEMBER_SPEND_SQL, [accountUserId], queries, now);
  }

  private async read(text: string, leading: unknown[], queries: readonly SpendQuery[], now: Date): Promise<PeriodSpend[]> {
    if (queries.length === 0) return [];
    const starts = queries.map((q) => periodStart(q.period, now));
    const rows = await this.sql.query<{ n: string; spent: string }>(text, [...leading, queries.map((q) => q.id), starts]);
    const spent = new Map(rows.map((r) => [Number(r.n), BigInt(r.spent)]));
    return queries.map((q, i) => ({ spentMicro: spent.get(i + 1) ?? 0n, periodStart: starts[i]!, resetsAt: periodReset(q.period, now) }));
  }
}
