import { systemClock, type Clock } from '../../platform/clock.js';
import type { LedgerReads } from '../ledger/index.js';
import type { Tier } from './catalog.domain.js';
import type { CatalogService } from './catalog.service.js';

const DAY_MS = 86_400_000;

/** Micro-dollars as "$12.34" (rounded down to the cent). */
export function usdText(microUsd: bigint): string {
  const cents = microUsd / 10_000n;
  return `$${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}
/** The standard class markup, used to re-price past spend under a tier without its own markup. */
const CLASS_MARKUP_BPS = 1_000n;

export interface TierOption {
  tier: Tier;
  /** Projected monthly spend at this tier's markup, micro-credits. */
  projectedSpendMicro: bigint;
  overageMicro: bigint;
  /** Subscription plus overage bought as credits, in micro-dollars. */
  monthlyCostMicroUsd: bigint;
}

export interface TierAdvice {
  current: Tier;
  recommended: Tier;
  projectedMonthlySpendMicro: bigint;
  options: TierOption[];
  requestsThisMonth: number;
  requestAllowanceRatio: number;
  /** True once a monthly allowance is 80% used: the SPA shows the advice then. */
  show: boolean;
  reasoning: string;
}

/**
 * Which tier would have cost the user least, from the last 30 days of usage spend, projected to a
 * month. Spend is re-priced by the ratio of markups (the ledger records charges, not per-model
 * costs); metering refines this with per-call costs.
 */
export class TierAdvisor {
  constructor(
    private readonly catalog: CatalogService,
    private readonly reads: LedgerReads,
    private readonly clock: Clock = systemClock,
  ) {}

  async advise(userId: string): Promise<TierAdvice> {
    const now = this.clock.now();
    const [current, tiers, last30, thisMonth] = await Promise.all([
      this.catalog.tierOf(userId),
      this.catalog.tiers(),
      this.reads.usageSince(userId, new Date(now.getTime() - 30 * DAY_MS)),
      this.reads.usageSince(userId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))),
    ]);
    const ageDays = last30.accountCreatedAt ? Math.max(1, Math.min(30, Math.ceil((now.getTime() - last30.accountCreatedAt.getTime()) / DAY_MS))) : 30;
    const projected = (last30.spentMicro * 30n) / BigInt(ageDays);
    const markupOf = (t: Tier) => 10_000n + (t.markupBps === null ? CLASS_MARKUP_BPS : BigInt(t.markupBps));
    const creditUsdMicro = this.catalog.creditUsdMicro;
    const options = tiers.map((tier): TierOption => {
      const projectedSpendMicro = (projected * markupOf(tier)) / markupOf(current);
      const overageMicro = projectedSpendMicro > tier.monthlyCredits ? projectedSpendMicro - tier.monthlyCredits : 0n;
      // micro-credits × micro-USD per credit / 10^6 = micro-USD
      const monthlyCostMicroUsd = BigInt(tier.monthlyPriceCents) * 10_000n + (overageMicro * creditUsdMicro) / 1_000_000n;
      return { tier, projectedSpendMicro, overageMicro, monthlyCostMicroUsd };
    });
    const best = options.reduce((a, b) => (b.monthlyCostMicroUsd < a.monthlyCostMicroUsd ? b : a));
    const ratio = current.monthlyRequestCap > 0 ? thisMonth.spends / current.monthlyRequestCap : 0;
    const reasoning =
      best.tier.code === current.code
        ? `At about ${usdText((projected * creditUsdMicro) / 1_000_000n)} of usage a month, ${current.name} is already your cheapest tier.`
        : `At about ${usdText((projected * creditUsdMicro) / 1_000_000n)} of usage a month, ${best.tier.name} would cost ${usdText(best.monthlyCostMicroUsd)} a month against ${usdText(options.find((o) => o.tier.code === current.code)!.monthlyCostMicroUsd)} on ${current.name}.`;
    return {
      current,
      recommended: best.tier,
      projectedMonthlySpendMicro: projected,
      options,
      requestsThisMonth: thisMonth.spends,
      requestAllowanceRatio: ratio,
      show: ratio >= 0.8,
      reasoning,
    };
  }
}
