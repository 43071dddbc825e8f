import type { Sql } from '../../platform/sql.js';

/**
 * Revenue from the `payment` table (docs/analytics.md, "Revenue"), in integer cents, in the current
 * payments mode only. A payment counts on the day it was paid; a refund or dispute on the day it
 * happened. Each read goes through the paid_at / refunded_at / disputed_at indexes (migration 21).
 */

export interface PaymentFigures {
  grossCents: bigint;
  packagesCents: bigint;
  subscriptionsCents: bigint;
  autoRechargeCents: bigint;
  refundsCents: bigint;
  disputesCents: bigint;
  feesCents: bigint;
  withoutFee: number;
}

export const zeroPayments = (): PaymentFigures => ({
  grossCents: 0n,
  packagesCents: 0n,
  subscriptionsCents: 0n,
  autoRechargeCents: 0n,
  refundsCents: 0n,
  disputesCents: 0n,
  feesCents: 0n,
  withoutFee: 0,
});

/** gross − refunds (disputes included) − fees. */
export const netCents = (p: PaymentFigures): bigint => p.grossCents - p.refundsCents - p.feesCents;

/** How rows are grouped: by UTC day of the instant, or by the user's tier now. */
export type PaymentGroup = 'day' | 'tier';

const key = (group: PaymentGroup, at: string) =>
  group === 'day' ? `to_char(${at} at time zone 'UTC', 'YYYY-MM-DD')` : `(select u.tier_code from app_user u where u.id = p.user_id)`;

/**
 * $1 test mode, $2 from, $3 to. A 0¢ payment (a free month) waits for no fee: it is not counted
 * in `without_fee` (docs/decisions/0026).
 */
const paid = (group: PaymentGroup) => `select ${key(group, 'p.paid_at')} as k, p.kind,
    sum(p.amount_cents)::text as gross, sum(coalesce(p.fee_cents, 0))::text as fees,
    (count(*) filter (where p.fee_cents is null and p.amount_cents > 0))::int as without_fee
  from payment p where p.test_mode = $1 and p.status in ('paid', 'refunded', 'disputed') and p.paid_at >= $2 and p.paid_at < $3
  group by 1, 2`;

const refunded = (group: PaymentGroup) => `select k, sum(refunded)::text as refunded, sum(disputed)::text as disputed from (
    select ${key(group, 'p.refunded_at')} as k, p.amount_refunded_cents as refunded, 0 as disputed
    from payment p where p.test_mode = $1 and p.refunded_at >= $2 and p.refunded_at < $3
    union all
    select ${key(group, 'p.disputed_at')} as k, 0, p.amount_cents - p.amount_refunded_cents
    from payment p where p.test_mode = $1 and p.disputed_at >= $2 and p.disputed_at < $3) x
  group by k`;

/** The payment figures of [from, to), by group key (a day `YYYY-MM-DD` or a tier code). */
export async function paymentFigures(sql: Sql, testMode: boolean, from: Date, to: Date, group: PaymentGroup): Promise<Map<string, PaymentFigures>> {
  const out = new Map<string, PaymentFigures>();
  const at = (k: string) => out.get(k) ?? out.set(k, zeroPayments()).get(k)!;
  for (const r of await sql.query(paid(group), [testMode, from, to])) {
    const f = at(r.k);
    const gross = BigInt(r.gross);
    f.grossCents += gross;
    if (r.kind === 'package') f.packagesCents += gross;
    else if (r.kind === 'subscription') f.subscriptionsCents += gross;
    else f.autoRechargeCents += gross;
    f.feesCents += BigInt(r.fees);
    f.withoutFee += r.without_fee;
  }
  for (const r of await sql.query(refunded(group), [testMode, from, to])) {
    const f = at(r.k);
    f.disputesCents += BigInt(r.disputed);
    f.refundsCents += BigInt(r.refunded) + BigInt(r.disputed);
  }
  return out;
}

/** Σ of several groups' figures. */
export function sumPayments(figures: Iterable<PaymentFigures>): PaymentFigures {
  const total = zeroPayments();
  for (const f of figures) {
    total.grossCents += f.grossCents;
    total.packagesCents += f.packagesCents;
    total.subscriptionsCents += f.subscriptionsCents;
    total.autoRechargeCents += f.autoRechargeCents;
    total.refundsCents += f.refundsCents;
    total.disputesCents += f.disputesCents;
    total.feesCents += f.feesCents;
    total.withoutFee += f.withoutFee;
  }
  return total;
}
