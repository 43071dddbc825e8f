import { randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';

/** A user's settings row as the code reads it: credits in micro-credits, money in cents. */
export interface AutoRechargeRecord {
  userId: string;
  enabled: boolean;
  belowCredits: bigint;
  packageCode: string;
  monthlyLimitCents: number;
  armed: boolean;
  crossing: number;
  lastChargeAt: Date | null;
  lastError: string | null;
  disabledReason: string | null;
  spentThisMonthCents: number;
}

/** What a won claim hands the charger: the crossing's pending payment. */
export interface ClaimedCharge {
  paymentId: string;
  userId: string;
  crossing: number;
  packageCode: string;
  amountCents: number;
  testMode: boolean;
}

export const MONTHLY_LIMIT_REACHED = 'monthly limit reached';

/** Calendar month in UTC: the cap counts auto-recharge payments created since this instant. */
const MONTH_START = `(date_trunc('month', now() at time zone 'UTC') at time zone 'UTC')`;
/** This month's auto-recharge spend (pending + paid), in cents, of the user in $1. */
const SPENT = `(select coalesce(sum(p.amount_cents), 0)::int from payment p
  where p.user_id = $1 and p.kind = 'auto_recharge' and p.status in ('pending', 'paid') and p.created_at >= ${MONTH_START})`;
/** The user's available credit now (balance − held), read without a lock: a guard re-checked by every claim. */
const AVAILABLE = `(select c.balance - c.held from credit_account c where c.user_id = $1)`;

const COLUMNS = `user_id, enabled, below_credits, package_code, monthly_limit_cents, armed, crossing, last_charge_at, last_error, disabled_reason`;

function toRecord(r: Row): AutoRechargeRecord {
  return {
    userId: r.user_id,
    enabled: r.enabled,
    belowCredits: BigInt(r.below_credits),
    packageCode: r.package_code,
    monthlyLimitCents: r.monthly_limit_cents,
    armed: r.armed,
    crossing: r.crossing,
    lastChargeAt: r.last_charge_at,
    lastError: r.last_error,
    disabledReason: r.disabled_reason,
    spentThisMonthCents: Number(r.spent ?? 0),
  };
}

/** The auto-recharge SQL. Every statement that decides something is one guarded statement (no read-then-write). */
export class AutoRechargeStore {
  constructor(private readonly sql: Sql) {}

  async get(userId: string): Promise<AutoRechargeRecord | null> {
    const rows = await this.sql.query(`select ${COLUMNS}, ${SPENT} as spent from auto_recharge where user_id = $1`, [userId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Saves the settings. Turning it on (from off or new) arms it and clears the last error; saving
   * again while on keeps the arming as it is, so re-saving cannot open a second charge for one crossing.
   */
  async save(userId: string, s: { enabled: boolean; belowCredits: bigint; packageCode: string; monthlyLimitCents: number }): Promise<AutoRechargeRecord> {
    const rows = await this.sql.query(
      `insert into auto_recharge as a (user_id, enabled, below_credits, package_code, monthly_limit_cents) values ($1, $2, $3, $4, $5)
       on conflict (user_id) do update set enabled = excluded.enabled, below_credits = excluded.below_credits,
         package_code = excluded.package_code, monthly_limit_cents = excluded.monthly_limit_cents,
         armed = case when excluded.enabled and not a.enabled then true else a.armed end,
         last_error = case when excluded.enabled and not a.enabled then null else a.last_error end,
         disabled_reason = null, updated_at = now()
       returning ${COLUMNS}, ${SPENT} as spent`,
      [userId, s.enabled, s.belowCredits, s.packageCode, s.monthlyLimitCents],
    );
    return toRecord(rows[0]!);
  }

  /**
   * The claim: one statement that disarms, numbers the crossing and records its pending payment,
   * only while the settings are on and armed, the available credit is below the threshold, the
   * package is sold and the month's spend plus its price stays within the limit. Concurrent callers
   * queue on the settings row; after the winner commits, `armed` is false and they match nothing.
   */
  async claim(tx: Sql, userId: string, testMode: boolean): Promise<ClaimedCharge | null> {
    const rows = await tx.query(
      `with claimed as (
         update auto_recharge a set armed = false, crossing = a.crossing + 1, last_charge_at = now(), disabled_reason = null, updated_at = now()
         from credit_package cp
         where a.user_id = $1 and a.enabled and a.armed and cp.code = a.package_code and cp.active
           and ${AVAILABLE} < a.below_credits and ${SPENT} + cp.price_cents <= a.monthly_limit_cents
         returning a.user_id, a.crossing, cp.code, cp.price_cents, cp.credits, cp.bonus_credits)
       insert into payment (id, user_id, kind, status, package_code, amount_cents, currency, credits, bonus_credits, test_mode, idempotency_key,
         stripe_customer_id)
       select $2, user_id, 'auto_recharge', 'pending', code, price_cents, 'usd', credits, bonus_credits, $3, 'auto-recharge:' || crossing,
         (select stripe_customer_id from billing_customer where user_id = $1)
       from claimed
       returning id, user_id, package_code, amount_cents, test_mode, substring(idempotency_key from 15)::int as crossing`,
      [userId, randomUUID(), testMode],
    );
    const r = rows[0];
    return r
      ? { paymentId: r.id, userId: r.user_id, crossing: r.crossing, packageCode: r.package_code, amountCents: r.amount_cents, testMode: r.test_mode }
      : null;
  }

  /**
   * A crossing that could not be claimed though it is on, armed and below the threshold: says why
   * (the month's limit, or a package no longer sold) without turning it off. Returns the reason.
   */
  async noteRefusal(userId: string): Promise<string | null> {
    const rows = await this.sql.query(
      `update auto_recharge a set disabled_reason = r.reason, updated_at = now()
       from (select case when cp.code is null then 'package ' || s.package_code || ' is no longer sold'
                         when ${SPENT} + cp.price_cents > s.monthly_limit_cents then '${MONTHLY_LIMIT_REACHED}' end as reason
             from auto_recharge s left join credit_package cp on cp.code = s.package_code and cp.active where s.user_id = $1) r
       where a.user_id = $1 and a.enabled and a.armed and ${AVAILABLE} < a.below_credits
         and r.reason is not null and a.disabled_reason is distinct from r.reason
       returning r.reason`,
      [userId],
    );
    return rows[0]?.reason ?? null;
  }

  /**
   * Re-arms once the available credit is back at or above the threshold and no charge is in
   * flight. `skipLocked` (inside a payment's transaction, which already holds the ledger account)
   * skips a row someone else holds rather than wait on it: lock order is settings before account,
   * and the balance event after that commit re-arms anyway.
   */
  async rearm(tx: Sql, userId: string, skipLocked = false): Promise<boolean> {
    const rows = await tx.query(
      `update auto_recharge a set armed = true, disabled_reason = null, updated_at = now()
       where a.user_id = (select user_id from auto_recharge where user_id = $1 and enabled and not armed for update${skipLocked ? ' skip locked' : ''})
         and a.enabled and not a.armed and ${AVAILABLE} >= a.below_credits
         and not exists (select 1 from payment p where p.user_id = $1 and p.kind = 'auto_recharge' and p.status = 'pending')
       returning a.user_id`,
      [userId],
    );
    return rows.length > 0;
  }

  /**
   * A claimed charge whose process died before Stripe answered (the payment is pending with no
   * intent for longer than any live create takes): taken over by one caller, whose retried create
   * carries the same idempotency key, so Stripe answers the first attempt's intent if there was one.
   * The lease is `updated_at`: whoever moves it owns the retry for the next `staleSeconds`.
   */
  async takeStalled(userId: string, staleSeconds: number): Promise<ClaimedCharge | null> {
    const rows = await this.sql.query(
      `update payment set updated_at = now()
       where id = (select id from payment where user_id = $1 and kind = 'auto_recharge' and status = 'pending' and stripe_payment_intent_id is null
                     and updated_at < now() - make_interval(secs => $2) order by created_at limit 1 for update skip locked)
       returning id, user_id, package_code, amount_cents, test_mode, substring(idempotency_key from 15)::int as crossing`,
      [userId, staleSeconds],
    );
    const r = rows[0];
    return r
      ? { paymentId: r.id, userId: r.user_id, crossing: r.crossing, packageCode: r.package_code, amountCents: r.amount_cents, testMode: r.test_mode }
      : null;
  }

  /** A failed charge turns auto-recharge off and says why; the user turns it on again. */
  async turnOff(tx: Sql, userId: string, error: string): Promise<void> {
    await tx.query(
      `update auto_recharge set enabled = false, last_error = $2, disabled_reason = 'turned off: the last charge failed', updated_at = now() where user_id = $1`,
      [userId, error.slice(0, 500)],
    );
  }
}
