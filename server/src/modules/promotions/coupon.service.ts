import type { SqlPool } from '../../platform/sql.js';
import type { Billing } from '../billing/index.js';
import type { AfterCommit } from '../billing/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { LedgerEntry } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { CouponRecord } from './coupon.domain.js';
import { couponTarget, isDiscount } from './coupon.domain.js';
import { CouponRefusedError } from './coupon.errors.js';
import { startFreeMonth } from './coupon.free-month.js';
import type { CouponRules } from './coupon.rules.js';
import type { CouponStore } from './coupon.store.js';

const DAY_MS = 86_400_000;

export interface CouponCheckResult {
  valid: boolean;
  reason: string | null;
  message: string | null;
  coupon: CouponRecord | null;
}

export interface RedeemResult {
  coupon: CouponRecord;
  credits: bigint;
  entry: LedgerEntry | null;
  tierCode: string | null;
  periodEnd: Date | null;
}

/** validateCoupon and redeemCoupon (CREDITS and FREE_MONTH; discounts are used at checkout, coupon.checkout.ts). */
export class CouponService {
  constructor(
    private readonly deps: { sql: SqlPool; store: CouponStore; rules: CouponRules; ledger: LedgerService; catalog: CatalogService; billing: Billing },
  ) {}

  /** What the code would give, without redeeming. Signed out: only the global checks. Unknown is `valid: false, reason: NOT_FOUND`. */
  async validate(rawCode: unknown, userId: string | null, rawTarget: string | null | undefined): Promise<CouponCheckResult> {
    const targetCode = couponTarget(rawTarget);
    let coupon: CouponRecord;
    try {
      coupon = await this.deps.rules.find(rawCode);
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return { valid: false, reason: 'NOT_FOUND', message: 'No such coupon', coupon: null };
      throw err;
    }
    const refused = await this.deps.rules.refusal(coupon, userId, targetCode);
    return refused ? { valid: false, reason: refused.reason, message: refused.message, coupon } : { valid: true, reason: null, message: null, coupon };
  }

  /**
   * Redeems a CREDITS or FREE_MONTH coupon in ONE transaction: the guarded counts (coupon row locked
   * first), then the ledger (or the subscription rows, then the ledger), then the record. A refusal
   * anywhere rolls all of it back.
   */
  /** `user.id`: the account credited; `personId`, when another (redeeming for a team), is counted against the per-user limit too. */
  async redeem(user: { id: string; personId?: string }, rawCode: unknown): Promise<RedeemResult> {
    const coupon = await this.deps.rules.find(rawCode);
    if (isDiscount(coupon.kind)) {
      throw new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} is a discount: use it at checkout (buy credits or subscribe)`);
    }
    await this.deps.rules.check(coupon, user.id, null);
    const tier = coupon.kind === 'free_month' ? (await this.deps.catalog.tiers()).find((t) => t.code === coupon.tierCode) : null;
    if (coupon.kind === 'free_month' && (!tier || tier.monthlyPriceCents <= 0)) {
      throw new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} names a tier that is not offered any more`);
    }
    const committed: Array<() => void> = [];
    const afterCommit: AfterCommit = (fn) => committed.push(fn);
    const result = await this.deps.sql.transaction(async (tx): Promise<RedeemResult> => {
      committed.length = 0;
      const n = await this.deps.rules.count(tx, coupon, user.id);
      if (user.personId && user.personId !== user.id) await this.deps.rules.countPerson(tx, coupon, user.personId);
      if (coupon.kind === 'free_month') {
        const { credits, periodEnd } = await startFreeMonth(this.deps.billing, tx, { userId: user.id, tier: tier!, code: coupon.code }, afterCommit);
        await this.deps.store.record(tx, { couponId: coupon.id, userId: user.id, status: 'redeemed', credits, targetCode: tier!.code });
        return { coupon, credits, entry: null, tierCode: tier!.code, periodEnd };
      }
      const { result: granted, published } = await this.deps.ledger.grantWithin(tx, {
        userId: user.id,
        source: 'coupon',
        amount: coupon.credits!,
        actor: { type: 'user', id: user.id },
        // The user's n-th redemption of this code: a retry inside the transaction replays, a new redemption is a new key.
        idempotencyKey: `coupon:${coupon.code}:${user.id}:${n}`,
        expiresAt: coupon.creditsExpireDays ? new Date(Date.now() + coupon.creditsExpireDays * DAY_MS) : null,
        reference: `coupon:${coupon.code}`,
        description: `Coupon ${coupon.code}`,
      });
      afterCommit(published);
      await this.deps.store.record(tx, { couponId: coupon.id, userId: user.id, status: 'redeemed', credits: coupon.credits!, ledgerEntryId: granted.entry.id });
      return { coupon, credits: coupon.credits!, entry: granted.entry, tierCode: null, periodEnd: null };
    });
    for (const fn of committed) fn();
    return result;
  }
}
