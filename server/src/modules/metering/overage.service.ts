import type { OveragePolicy } from '@tollgate/shared';
import type { CatalogService } from '../catalog/index.js';
import type { UsageStore } from './usage.store.js';
import { startOfUtcMonth, utcDay } from './usage.range.js';

export interface OverageReport {
  periodStart: Date;
  periodEnd: Date;
  policy: OveragePolicy;
  surchargeBps: number;
  allowanceTokens: bigint;
  usedTokens: bigint;
  remainingTokens: bigint;
  overageTokens: bigint;
  /** Micro-credits charged for the overage tokens, surcharge included. */
  overageCredits: bigint;
  /** Micro-credits of overageCredits that are the surcharge. */
  surchargeCredits: bigint;
}

/**
 * This period's overage for one user (docs/decisions/0020-overage.md). The period is the calendar
 * month in UTC, the same one the gateway's allowance check counts (gateway.limits.ts), whether or
 * not the user subscribes: a subscription's own period would make the figures disagree with what
 * the gateway refused or surcharged.
 */
export class OverageService {
  constructor(
    private readonly usage: Pick<UsageStore, 'overageBetween'>,
    private readonly catalog: Pick<CatalogService, 'tierOf'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(userId: string): Promise<OverageReport> {
    const tier = await this.catalog.tierOf(userId);
    const at = this.now();
    const periodStart = startOfUtcMonth(at);
    const periodEnd = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    const sums = await this.usage.overageBetween(userId, utcDay(periodStart), utcDay(periodEnd));
    const left = tier.monthlyTokenAllowance - sums.tokens;
    return {
      periodStart,
      periodEnd,
      policy: tier.overage,
      surchargeBps: tier.overageSurchargeBps,
      allowanceTokens: tier.monthlyTokenAllowance,
      usedTokens: sums.tokens,
      remainingTokens: left > 0n ? left : 0n,
      overageTokens: sums.overageTokens,
      overageCredits: sums.overageCharged,
      surchargeCredits: sums.surcharge,
    };
  }
}
