import { NotFoundError } from '../../platform/errors.js';
import type { Sql, SqlPool } from '../../platform/sql.js';
import { type CouponRecord, normalizeCode } from './coupon.domain.js';
import { CouponRefusedError } from './coupon.errors.js';
import type { CouponStore } from './coupon.store.js';

/**
 * Whether a coupon may be used, and the guarded count that makes it so. `check` reads (for
 * validateCoupon, and to refuse early with the right reason); only `count` decides a limit, in one
 * guarded statement per counter (coupon.store.ts) — the checks before it can be stale, it cannot.
 */
export class CouponRules {
  constructor(private readonly deps: { sql: SqlPool; store: CouponStore }) {}

  /** The coupon of a code in any letter case; NOT_FOUND when there is none. */
  async find(rawCode: unknown, sql: Sql = this.deps.sql): Promise<CouponRecord> {
    const code = normalizeCode(rawCode);
    const coupon = code ? await this.deps.store.byCode(sql, code) : null;
    if (!coupon) throw new NotFoundError('Coupon');
    return coupon;
  }

  /** The global refusals (anyone, signed in or not), in the order a user can act on. */
  globalRefusal(coupon: CouponRecord, now = new Date()): CouponRefusedError | null {
    if (!coupon.active) return new CouponRefusedError('INACTIVE', `Coupon ${coupon.code} is no longer active`);
    // Not yet started is EXPIRED too (outside its validity window); `notBefore` says when it starts.
    if (coupon.startsAt && coupon.startsAt > now) {
      return new CouponRefusedError('EXPIRED', `Coupon ${coupon.code} is not valid before ${coupon.startsAt.toISOString()}`, {
        notBefore: coupon.startsAt.toISOString(),
      });
    }
    if (coupon.expiresAt && coupon.expiresAt <= now)
      return new CouponRefusedError('EXPIRED', `Coupon ${coupon.code} expired on ${coupon.expiresAt.toISOString()}`);
    if (coupon.maxRedemptions != null && coupon.redemptions >= coupon.maxRedemptions) {
      return new CouponRefusedError('EXHAUSTED', `Coupon ${coupon.code} has been used up`);
    }
    return null;
  }

  /** Every refusal for this user (and target package/tier when given), or null. */
  async refusal(coupon: CouponRecord, userId: string | null, targetCode: string | null): Promise<CouponRefusedError | null> {
    const global = this.globalRefusal(coupon);
    if (global) return global;
    if (targetCode && coupon.appliesTo.length > 0 && !coupon.appliesTo.includes(targetCode)) {
      return new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} does not apply to ${targetCode}`);
    }
    if (!userId) return null;
    if ((await this.deps.store.userCount(this.deps.sql, coupon.id, userId)) >= coupon.perUserLimit) {
      return new CouponRefusedError('ALREADY_REDEEMED', `You have already used coupon ${coupon.code}`);
    }
    if (coupon.firstPurchaseOnly && (await this.deps.store.hasPaid(this.deps.sql, userId))) {
      return new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} is for a first purchase only`);
    }
    return null;
  }

  async check(coupon: CouponRecord, userId: string | null, targetCode: string | null): Promise<void> {
    const refused = await this.refusal(coupon, userId, targetCode);
    if (refused) throw refused;
  }

  /**
   * Counts one redemption in the caller's transaction, or throws the reason (rolling both counters
   * back with the transaction). The user's count after it is the redemption's number (its grant key).
   */
  async count(tx: Sql, coupon: CouponRecord, userId: string): Promise<number> {
    const { refused, userCount } = await this.deps.store.count(tx, coupon, userId);
    if (refused === 'user') throw new CouponRefusedError('ALREADY_REDEEMED', `You have already used coupon ${coupon.code}`);
    if (refused === 'coupon') {
      // The guard refused: say why, from the row as it is now (the reason only; the decision was the guard's).
      const now = (await this.deps.store.byCode(tx, coupon.code)) ?? coupon;
      throw this.globalRefusal(now) ?? new CouponRefusedError('EXHAUSTED', `Coupon ${coupon.code} has been used up`);
    }
    return userCount;
  }

  /**
   * The person redeeming for a team counts too: one person's uses are bounded by the per-user
   * limit whichever accounts they redeem into, so making teams does not multiply a coupon
   * (docs/decisions/0057-team-billing.md). In the redemption's transaction, after `count`.
   */
  async countPerson(tx: Sql, coupon: CouponRecord, personId: string): Promise<void> {
    if ((await this.deps.store.countUser(tx, coupon, personId)) === null) {
      throw new CouponRefusedError('ALREADY_REDEEMED', `You have already used coupon ${coupon.code}`);
    }
  }
}
