import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { CouponKind, CouponRecord } from './coupon.domain.js';

const COLUMNS = `id, code, kind, credits, credits_expire_days, percent_off, amount_off_cents, tier_code, max_redemptions, redemptions,
  per_user_limit, starts_at, expires_at, applies_to, first_purchase_only, active, campaign, note, created_by, created_at`;

const toCoupon = (r: Record<string, any>): CouponRecord => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  credits: r.credits == null ? null : BigInt(r.credits),
  creditsExpireDays: r.credits_expire_days,
  percentOff: r.percent_off,
  amountOffCents: r.amount_off_cents,
  tierCode: r.tier_code,
  maxRedemptions: r.max_redemptions,
  redemptions: r.redemptions,
  perUserLimit: r.per_user_limit,
  startsAt: r.starts_at,
  expiresAt: r.expires_at,
  appliesTo: r.applies_to ?? [],
  firstPurchaseOnly: r.first_purchase_only,
  active: r.active,
  campaign: r.campaign,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export type NewCoupon = Omit<CouponRecord, 'id' | 'redemptions' | 'active' | 'createdAt'>;

export interface RedemptionRow {
  id: string;
  couponId: string;
  userId: string;
  userEmail: string | null;
  status: 'pending' | 'redeemed' | 'released';
  credits: bigint;
  amountCents: number | null;
  discountCents: number | null;
  targetCode: string | null;
  reference: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** The coupon tables. Every count goes through `count` (one guarded statement per counter); nothing reads then writes a limit. */
export class CouponStore {
  /** Inserts the coupons, or none when one code is taken (unique): false then. */
  async insert(tx: Sql, coupons: NewCoupon[]): Promise<boolean> {
    for (const c of coupons) {
      const rows = await tx.query(
        `insert into coupon (id, code, kind, credits, credits_expire_days, percent_off, amount_off_cents, tier_code, max_redemptions,
           per_user_limit, starts_at, expires_at, applies_to, first_purchase_only, campaign, note, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) on conflict (code) do nothing returning id`,
        [
          randomUUID(),
          c.code,
          c.kind,
          c.credits,
          c.creditsExpireDays,
          c.percentOff,
          c.amountOffCents,
          c.tierCode,
          c.maxRedemptions,
          c.perUserLimit,
          c.startsAt,
          c.expiresAt,
          c.appliesTo,
          c.firstPurchaseOnly,
          c.campaign,
          c.note,
          c.createdBy,
        ],
      );
      if (rows.length === 0) return false;
    }
    return true;
  }

  async byCode(sql: Sql, code: string): Promise<CouponRecord | null> {
    const rows = await sql.query(`select ${COLUMNS} from coupon where code = $1`, [code]);
    return rows[0] ? toCoupon(rows[0]) : null;
  }

  async list(sql: Sql, limit: number): Promise<Array<CouponRecord & { creditsGranted: bigint }>> {
    const rows = await sql.query(
      `select ${COLUMNS}, coalesce((select sum(r.credits) from coupon_redemption r where r.coupon_id = coupon.id and r.status = 'redeemed'), 0) as credits_granted
       from coupon order by created_at desc, code limit $1`,
      [limit],
    );
    return rows.map((r) => ({ ...toCoupon(r), creditsGranted: BigInt(r.credits_granted) }));
  }

  async creditsGranted(sql: Sql, couponId: string): Promise<bigint> {
    const rows = await sql.query(`select coalesce(sum(credits), 0) as s from coupon_redemption where coupon_id = $1 and status = 'redeemed'`, [couponId]);
    return BigInt(rows[0]!.s);
  }

  async deactivate(sql: Sql, code: string): Promise<CouponRecord | null> {
    const rows = await sql.query(`update coupon set active = false where code = $1 returning ${COLUMNS}`, [code]);
    return rows[0] ? toCoupon(rows[0]) : null;
  }

  /**
   * Counts one redemption, or refuses, in two guarded statements of the caller's transaction. The
   * coupon's counter moves only while the coupon is active, inside its window and below its maximum
   * (the row lock it takes queues every concurrent redeemer of the coupon); the user's counter only
   * below the per-user limit. 'coupon' / 'user' names the guard that refused (the caller throws and
   * so rolls the other back); on success, the user's count after this redemption.
   */
  async count(tx: Sql, coupon: CouponRecord, userId: string): Promise<{ refused: 'coupon' | 'user' | null; userCount: number }> {
    const counted = await tx.query(
      `update coupon set redemptions = redemptions + 1
       where id = $1 and active and (max_redemptions is null or redemptions < max_redemptions)
         and (starts_at is null or starts_at <= now()) and (expires_at is null or expires_at > now())
       returning redemptions`,
      [coupon.id],
    );
    if (counted.length === 0) return { refused: 'coupon', userCount: 0 };
    const userCount = await this.countUser(tx, coupon, userId);
    return userCount === null ? { refused: 'user', userCount: 0 } : { refused: null, userCount };
  }

  /** One more use by this user (an account, or the person redeeming for a team) below the per-user limit; null when at it. */
  async countUser(tx: Sql, coupon: Pick<CouponRecord, 'id' | 'perUserLimit'>, userId: string): Promise<number | null> {
    const mine = await tx.query(
      `insert into coupon_user (coupon_id, user_id, redemptions) values ($1, $2, 1)
       on conflict (coupon_id, user_id) do update set redemptions = coupon_user.redemptions + 1 where coupon_user.redemptions < $3
       returning redemptions`,
      [coupon.id, userId, coupon.perUserLimit],
    );
    return mine.length === 0 ? null : (mine[0]!.redemptions as number);
  }

  /** Gives back one count of both counters (a discount reservation whose checkout never paid). */
  async uncount(tx: Sql, couponId: string, userId: string): Promise<void> {
    await tx.query(`update coupon set redemptions = redemptions - 1 where id = $1 and redemptions > 0`, [couponId]);
    await tx.query(`update coupon_user set redemptions = redemptions - 1 where coupon_id = $1 and user_id = $2 and redemptions > 0`, [couponId, userId]);
  }

  /** How many more the user may redeem (validateCoupon's per-user check; the redemption itself is guarded by `count`). */
  async userCount(sql: Sql, couponId: string, userId: string): Promise<number> {
    const rows = await sql.query(`select redemptions from coupon_user where coupon_id = $1 and user_id = $2`, [couponId, userId]);
    return (rows[0]?.redemptions as number | undefined) ?? 0;
  }

  async record(
    tx: Sql,
    r: {
      couponId: string;
      userId: string;
      status: 'pending' | 'redeemed';
      credits?: bigint;
      amountCents?: number | null;
      discountCents?: number | null;
      targetCode?: string | null;
      reference?: string | null;
      ledgerEntryId?: string | null;
    },
  ): Promise<string> {
    const id = randomUUID();
    await tx.query(
      `insert into coupon_redemption (id, coupon_id, user_id, status, credits, amount_cents, discount_cents, target_code, reference, ledger_entry_id, closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $4 = 'redeemed' then now() end)`,
      [
        id,
        r.couponId,
        r.userId,
        r.status,
        r.credits ?? 0n,
        r.amountCents ?? null,
        r.discountCents ?? null,
        r.targetCode ?? null,
        r.reference ?? null,
        r.ledgerEntryId ?? null,
      ],
    );
    return id;
  }

  async setReference(sql: Sql, id: string, reference: string): Promise<void> {
    await sql.query(`update coupon_redemption set reference = $2 where id = $1`, [id, reference]);
  }

  /** A pending reservation becomes a redemption (its payment succeeded); false when none was pending. */
  async confirm(tx: Sql, reference: string): Promise<boolean> {
    const rows = await tx.query(
      `update coupon_redemption set status = 'redeemed', closed_at = now() where reference = $1 and status = 'pending' returning id`,
      [reference],
    );
    return rows.length > 0;
  }

  /** A pending reservation is released and its counts given back, once (the status guard). */
  async release(tx: Sql, where: { reference?: string; id?: string }): Promise<boolean> {
    const rows = await tx.query(
      `update coupon_redemption set status = 'released', closed_at = now()
       where status = 'pending' and (reference = $1 or id = $2) returning coupon_id, user_id`,
      [where.reference ?? null, where.id ?? null],
    );
    if (rows.length === 0) return false;
    await this.uncount(tx, rows[0]!.coupon_id, rows[0]!.user_id);
    return true;
  }

  /** The pending reservation of a checkout (its reduced amount, for the test checkout). */
  async pendingAmount(sql: Sql, reference: string): Promise<number | null> {
    const rows = await sql.query(`select amount_cents from coupon_redemption where reference = $1 and status = 'pending'`, [reference]);
    return (rows[0]?.amount_cents as number | undefined) ?? null;
  }

  async redemptions(sql: Sql, couponId: string, limit: number): Promise<RedemptionRow[]> {
    const rows = await sql.query(
      `select r.*, u.email from coupon_redemption r left join app_user u on u.id = r.user_id where r.coupon_id = $1 order by r.seq desc limit $2`,
      [couponId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      couponId: r.coupon_id,
      userId: r.user_id,
      userEmail: r.email ?? null,
      status: r.status,
      credits: BigInt(r.credits),
      amountCents: r.amount_cents,
      discountCents: r.discount_cents,
      targetCode: r.target_code,
      reference: r.reference,
      createdAt: r.created_at,
      closedAt: r.closed_at,
    }));
  }

  /** Whether the user ever paid (a first-purchase-only coupon is for those who did not); free months do not count. */
  async hasPaid(sql: Sql, userId: string): Promise<boolean> {
    const rows = await sql.query(`select 1 from payment where user_id = $1 and status in ('paid', 'refunded', 'disputed') and amount_cents > 0 limit 1`, [
      userId,
    ]);
    return rows.length > 0;
  }
}

export const KINDS: CouponKind[] = ['credits', 'percent_off', 'amount_off', 'free_month'];
