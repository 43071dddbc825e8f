import { randomUUID } from 'node:crypto';
import { pageSize } from '../../platform/paging.js';
import type { Row, Sql } from '../../platform/sql.js';

const MAX_DEBTS = 100;

/** Credits a refund or dispute could not take back (already spent), and how much of them is settled. */
export interface DebtRecord {
  id: string;
  userId: string;
  userEmail: string | null;
  paymentId: string | null;
  /** The Stripe object that caused it (`charge:ch_…:refunded:500`, `dispute:dp_…`). */
  cause: string;
  credits: bigint;
  settledCredits: bigint;
  createdAt: Date;
  settledAt: Date | null;
}

const COLUMNS = `d.id, d.user_id, u.email as user_email, d.payment_id, d.cause, d.credits, d.settled_credits, d.created_at, d.settled_at`;

function toDebt(r: Row): DebtRecord {
  return {
    id: r.id,
    userId: r.user_id,
    userEmail: r.user_email ?? null,
    paymentId: r.payment_id,
    cause: r.cause,
    credits: BigInt(r.credits),
    settledCredits: BigInt(r.settled_credits),
    createdAt: r.created_at,
    settledAt: r.settled_at,
  };
}

export class DebtStore {
  constructor(private readonly sql: Sql) {}

  /** Records a debt once per cause (a replayed cause records nothing more). */
  async record(tx: Sql, d: { userId: string; paymentId: string | null; cause: string; credits: bigint }): Promise<void> {
    await tx.query(`insert into billing_debt (id, user_id, payment_id, cause, credits) values ($1, $2, $3, $4, $5) on conflict (cause) do nothing`, [
      randomUUID(),
      d.userId,
      d.paymentId,
      d.cause,
      d.credits,
    ]);
  }

  /**
   * The user's open debts, oldest first, locked. Taken after the ledger account (a paid grant has
   * locked it already); the refund path inserts debts after locking the account too, so the order holds.
   */
  async lockOpen(tx: Sql, userId: string): Promise<DebtRecord[]> {
    const rows = await tx.query(
      `select ${COLUMNS} from billing_debt d left join app_user u on u.id = d.user_id
       where d.user_id = $1 and d.settled_credits < d.credits order by d.created_at, d.id for update of d`,
      [userId],
    );
    return rows.map(toDebt);
  }

  async settle(tx: Sql, id: string, credits: bigint): Promise<void> {
    await tx.query(
      `update billing_debt set settled_credits = settled_credits + $2, updated_at = now(),
         settled_at = case when settled_credits + $2 >= credits then now() else null end where id = $1`,
      [id, credits],
    );
  }

  /** Outstanding credits per user (0 for a user with none). */
  async outstanding(userIds: readonly string[]): Promise<Map<string, bigint>> {
    const rows = await this.sql.query(
      `select user_id, sum(credits - settled_credits) as owed from billing_debt where user_id = any($1::uuid[]) and settled_credits < credits group by user_id`,
      [userIds],
    );
    const owed = new Map<string, bigint>(userIds.map((id) => [id, 0n]));
    for (const r of rows) owed.set(r.user_id, BigInt(r.owed));
    return owed;
  }

  /** Debts for the admin list, newest first; `open` keeps only those not yet settled; first 1..100, 50 by default. */
  async list(open: boolean, rawFirst: number | null | undefined): Promise<DebtRecord[]> {
    const first = pageSize(rawFirst, 50, MAX_DEBTS);
    const rows = await this.sql.query(
      `select ${COLUMNS} from billing_debt d left join app_user u on u.id = d.user_id
       where (not $1 or d.settled_credits < d.credits) order by d.created_at desc, d.id limit $2`,
      [open, first],
    );
    return rows.map(toDebt);
  }
}
