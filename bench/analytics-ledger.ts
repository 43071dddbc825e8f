import type pg from 'pg';
import { LedgerService } from '../server/src/modules/ledger/ledger.service.js';
import type { SqlPool } from '../server/src/platform/sql.js';
import { dayStart } from './analytics-seed.js';
import { USERS, userId } from './analytics-shape.js';

const HOUR = 3_600_000;
const MICRO = 1_000_000n;
const SYSTEM = { type: 'system' as const, id: null };
const PRO = { cents: 2_900, credits: 3_500n };

/**
 * Payments and the ledger, the same in both databases (the usage they pay for is the same: the
 * rollups are equal). Per user: a sign-up grant and a package purchase on day 0, a second purchase
 * on day 30 (inside the 30-day range), for one user in four a Pro subscription invoiced on days 5
 * and 35, and one `usage` spend per user-day of that day's Σ charged (the rollup's): the credit the
 * calls took, one entry a day instead of one per call, so the ledger does not grow with the events.
 * Grants are sized so that a user's runway at the end is 1 + 10·(u mod 10) days. Payments get
 * Stripe-like fees (one in twenty second purchases still without), a few refunds and disputes.
 * Everything goes through LedgerService at the seeded time (its clock), so the ledger's own
 * invariants hold; idempotency keys make a re-run after a stop a replay.
 */
export async function seedLedger(pool: pg.Pool, sql: SqlPool, today: Date, now: Date): Promise<{ entries: number; payments: number }> {
  const spends = await pool.query<{ user_id: string; day: string; charged: string }>(
    `select user_id, day::text, sum(charged)::text as charged from usage_daily group by 1, 2 having sum(charged) > 0 order by 1, 2`,
  );
  const byUser = new Map<string, Array<{ day: number; amount: bigint }>>();
  const first = dayStart(today, 0).getTime();
  for (const r of spends.rows) {
    const day = Math.round((Date.parse(`${r.day}T00:00:00Z`) - first) / (24 * HOUR));
    byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { day, amount: BigInt(r.charged) }]);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < USERS) {
        const u = next++;
        await seedUser(pool, sql, u, byUser.get(userId(u)) ?? [], today, now);
      }
    }),
  );
  const counts = await pool.query<{ entries: number; payments: number }>(
    `select (select count(*)::int from ledger_entry) as entries, (select count(*)::int from payment) as payments`,
  );
  return counts.rows[0]!;
}

async function seedUser(pool: pg.Pool, sql: SqlPool, u: number, spends: Array<{ day: number; amount: bigint }>, today: Date, now: Date): Promise<void> {
  const id = userId(u);
  let at = new Date(0);
  const ledger = new LedgerService(sql, { balanceChanged: () => undefined, lowBalance: () => undefined }, { now: () => at });
  const when = (day: number, hour: number) => new Date(Math.min(dayStart(today, day).getTime() + hour * HOUR, now.getTime() - 1000));
  const total = spends.reduce((s, x) => s + x.amount, 0n);
  const factor = 102n + 20n * BigInt(u % 10); // percent: the runway is (factor − 100) % of 50 days
  const credits = (total * factor + 100n * MICRO - 1n) / (100n * MICRO); // whole credits, rounded up
  const firstCredits = (credits * 7n + 9n) / 10n;
  const subscriber = u % 4 === 1;

  const ops: Array<{ at: Date; run: () => Promise<unknown> }> = [
    { at: when(0, 1), run: () => ledger.grant({ userId: id, source: 'signup', amount: 5n * MICRO, idempotencyKey: 'signup', actor: SYSTEM }) },
    { at: when(0, 2), run: () => purchase(1, firstCredits, u % 25 === 7 ? { disputedAt: when(35, 12) } : {}) },
    { at: when(30, 2), run: () => purchase(2, credits - firstCredits, { refunded: u % 10 === 3 ? when(40, 12) : undefined, noFee: u % 20 === 11 }) },
    ...(subscriber ? [5, 35].map((day, m) => ({ at: when(day, 3), run: () => invoice(m + 1) })) : []),
    ...spends.map((s) => ({
      at: when(s.day, 23),
      run: () => ledger.spend({ userId: id, amount: s.amount, idempotencyKey: `usage:${s.day}`, actor: SYSTEM, description: `usage of day ${s.day}` }),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const op of ops) {
    at = op.at;
    await op.run();
  }

  async function purchase(n: number, amount: bigint, o: { disputedAt?: Date; refunded?: Date; noFee?: boolean }) {
    const session = `cs_bench_${u}_${n}`;
    const cents = Number(amount);
    const status = o.disputedAt ? 'disputed' : o.refunded ? 'refunded' : 'paid';
    await pool.query(
      `insert into payment (id, user_id, kind, status, package_code, amount_cents, currency, fee_cents, credits, bonus_credits, credits_granted, test_mode,
         checkout_session_id, stripe_payment_intent_id, created_at, updated_at, paid_at, amount_refunded_cents, refunded_at, disputed_at)
       values (gen_random_uuid(), $1, 'package', $2, 'starter-pack', $3, 'usd', $4, $5, 0, $5, true, $6, $7, $8, $8, $8, $9, $10, $11)
       on conflict do nothing`,
      [
        id,
        status,
        cents,
        o.noFee ? null : Math.round(cents * 0.029) + 30,
        (amount * MICRO).toString(),
        session,
        `pi_bench_${u}_${n}`,
        at,
        o.refunded ? Math.floor(cents / 2) : 0,
        o.refunded ?? null,
        o.disputedAt ?? null,
      ],
    );
    await ledger.grant({
      userId: id,
      source: 'purchase',
      amount: amount * MICRO,
      idempotencyKey: `checkout:${session}`,
      reference: `checkout:${session}`,
      actor: SYSTEM,
    });
  }

  async function invoice(m: number) {
    const inv = `in_bench_${u}_${m}`;
    if (m === 1) {
      await pool.query(
        `insert into subscription (id, user_id, tier_code, status, current_period_start, current_period_end, stripe_subscription_id, checkout_status,
           state_version, test_mode, created_at, updated_at)
         values (gen_random_uuid(), $1, 'pro', 'active', $2, $2::timestamptz + interval '1 month', $3, 'complete', $2, true, $2, $2) on conflict do nothing`,
        [id, at, `sub_bench_${u}`],
      );
    }
    await pool.query(
      `insert into payment (id, user_id, kind, status, amount_cents, currency, fee_cents, credits, bonus_credits, credits_granted, test_mode,
         stripe_invoice_id, stripe_subscription_id, tier_code, created_at, updated_at, paid_at)
       values (gen_random_uuid(), $1, 'subscription', 'paid', $2, 'usd', $3, $4, 0, $4, true, $5, $6, 'pro', $7, $7, $7) on conflict do nothing`,
      [id, PRO.cents, Math.round(PRO.cents * 0.029) + 30, (PRO.credits * MICRO).toString(), inv, `sub_bench_${u}`, at],
    );
    await ledger.grant({
      userId: id,
      source: 'subscription',
      amount: PRO.credits * MICRO,
      idempotencyKey: `invoice:${inv}`,
      reference: `invoice:${inv}`,
      actor: SYSTEM,
    });
  }
}
