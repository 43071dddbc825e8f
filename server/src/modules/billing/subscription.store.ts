import { randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';
import { LIVE_STATUSES, type SubscriptionStatus } from './subscription.entities.js';

/** A subscription row as the billing code reads it. */
export interface SubscriptionRecord {
  id: string;
  userId: string;
  tierCode: string;
  status: SubscriptionStatus;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pendingTierCode: string | null;
  stripeSubscriptionId: string;
  stripeCustomerId: string | null;
  checkoutSessionId: string | null;
  checkoutStatus: 'open' | 'complete' | 'failed' | 'canceled';
  stateVersion: Date;
  testMode: boolean;
  createdAt: Date;
}

/** What Stripe (or test mode) says a subscription is now; `tierCode` is the tier of its current price. */
export interface SubscriptionState {
  status: SubscriptionStatus;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  priceTierCode: string | null;
}

const COLUMNS = `id, user_id, tier_code, status, current_period_start, current_period_end, cancel_at_period_end, pending_tier_code,
  stripe_subscription_id, stripe_customer_id, checkout_session_id, checkout_status, state_version, test_mode, created_at`;
const LIVE = `(${LIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function toRecord(r: Row): SubscriptionRecord {
  return {
    id: r.id,
    userId: r.user_id,
    tierCode: r.tier_code,
    status: r.status,
    currentPeriodStart: r.current_period_start,
    currentPeriodEnd: r.current_period_end,
    cancelAtPeriodEnd: r.cancel_at_period_end,
    pendingTierCode: r.pending_tier_code,
    stripeSubscriptionId: r.stripe_subscription_id,
    stripeCustomerId: r.stripe_customer_id,
    checkoutSessionId: r.checkout_session_id,
    checkoutStatus: r.checkout_status,
    stateVersion: r.state_version,
    testMode: r.test_mode,
    createdAt: r.created_at,
  };
}

const one = (rows: Row[]) => (rows[0] ? toRecord(rows[0]) : null);

/** The subscription table's SQL, run in the caller's transaction (a webhook's, with its grants). */
export class SubscriptionStore {
  /**
   * The user's subscription to show: the live one, else the newest that got past its checkout
   * (a checkout that was abandoned, failed or cancelled is no subscription).
   */
  async current(sql: Sql, userId: string): Promise<SubscriptionRecord | null> {
    return one(
      await sql.query(
        `select ${COLUMNS} from subscription where user_id = $1 and not (status = 'incomplete' and checkout_status in ('failed', 'canceled'))
       order by (status in ${LIVE}) desc, created_at desc limit 1`,
        [userId],
      ),
    );
  }

  async live(sql: Sql, userId: string, lock = false): Promise<SubscriptionRecord | null> {
    return one(
      await sql.query(
        `select ${COLUMNS} from subscription where user_id = $1 and status in ${LIVE} order by created_at desc limit 1${lock ? ' for update' : ''}`,
        [userId],
      ),
    );
  }

  async lockByStripeId(tx: Sql, stripeSubscriptionId: string): Promise<SubscriptionRecord | null> {
    return one(await tx.query(`select ${COLUMNS} from subscription where stripe_subscription_id = $1 for update`, [stripeSubscriptionId]));
  }

  async bySession(sql: Sql, sessionId: string, lock = false): Promise<SubscriptionRecord | null> {
    return one(await sql.query(`select ${COLUMNS} from subscription where checkout_session_id = $1${lock ? ' for update' : ''}`, [sessionId]));
  }

  /** Inserts unless a row for this Stripe subscription exists (a concurrent event made it); returns the row, locked. */
  async insert(
    tx: Sql,
    s: {
      userId: string;
      tierCode: string;
      stripeSubscriptionId: string;
      stripeCustomerId: string | null;
      checkoutSessionId: string | null;
      testMode: boolean;
      status: SubscriptionStatus;
      version: Date;
    },
  ): Promise<SubscriptionRecord> {
    await tx.query(
      `insert into subscription (id, user_id, tier_code, status, stripe_subscription_id, stripe_customer_id, checkout_session_id, state_version, test_mode)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (stripe_subscription_id) do nothing`,
      [randomUUID(), s.userId, s.tierCode, s.status, s.stripeSubscriptionId, s.stripeCustomerId, s.checkoutSessionId, s.version, s.testMode],
    );
    return (await this.lockByStripeId(tx, s.stripeSubscriptionId))!;
  }

  /**
   * Writes a state read at `version`, unless a newer read is stored already (then false). The
   * pending tier is the price's tier while it differs from the tier paid for (a downgrade at renewal).
   */
  async applyState(tx: Sql, id: string, state: SubscriptionState, version: Date): Promise<boolean> {
    const rows = await tx.query(
      `update subscription set status = $2, current_period_start = coalesce($3, current_period_start), current_period_end = coalesce($4, current_period_end),
         cancel_at_period_end = $5, pending_tier_code = case when $6::text is null or $6 = tier_code then null else $6 end,
         state_version = $7, updated_at = now()
       where id = $1 and state_version <= $7 returning id`,
      [id, state.status, state.currentPeriodStart, state.currentPeriodEnd, state.cancelAtPeriodEnd, state.priceTierCode, version],
    );
    return rows.length > 0;
  }

  /** The tier paid for from now on (a paid invoice): a pending tier equal to it is done, and a past-due subscription recovers. */
  async setPaidTier(tx: Sql, id: string, tierCode: string, period: { start: Date; end: Date } | null): Promise<void> {
    await tx.query(
      `update subscription set tier_code = $2, pending_tier_code = nullif(pending_tier_code, $2),
         status = case when status in ('past_due', 'incomplete') then 'active' else status end,
         current_period_start = coalesce($3, current_period_start), current_period_end = coalesce($4, current_period_end), updated_at = now()
       where id = $1`,
      [id, tierCode, period?.start ?? null, period?.end ?? null],
    );
  }

  async setCheckoutStatus(tx: Sql, id: string, status: SubscriptionRecord['checkoutStatus']): Promise<void> {
    await tx.query(`update subscription set checkout_status = $2, updated_at = now() where id = $1`, [id, status]);
  }

  /** The user's tier, in the caller's transaction (the catalog's own setter runs on the pool). */
  async setUserTier(tx: Sql, userId: string, tierCode: string): Promise<void> {
    await tx.query(`update app_user set tier_code = $2, updated_at = now() where id = $1`, [userId, tierCode]);
  }

  /** Live test-mode subscriptions whose period has ended (test-mode renewal). */
  async testDue(sql: Sql, now: Date, userId?: string, limit = 100): Promise<string[]> {
    const rows = await sql.query(
      `select id from subscription where test_mode and status in ${LIVE} and current_period_end <= $1 and ($3::uuid is null or user_id = $3)
       order by current_period_end limit $2`,
      [now, limit, userId ?? null],
    );
    return rows.map((r) => r.id as string);
  }

  async lockById(tx: Sql, id: string): Promise<SubscriptionRecord | null> {
    return one(await tx.query(`select ${COLUMNS} from subscription where id = $1 for update`, [id]));
  }
}
