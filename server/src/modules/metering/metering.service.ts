import type { CatalogService } from '../catalog/index.js';
import type { PricingPolicy } from '../catalog/index.js';
import { isUuid } from '../../platform/ids.js';
import { NotFoundError } from '../../platform/errors.js';
import { nanoToUsd, serviceCharge, serviceMarkupBps, type ServicePriceStore } from './service-prices.js';
import { resolveRange, type UsageRange } from './usage.range.js';
import type { DayTotals, MemberTotals, ModelTotals, UsageReads, UsageTotals } from './usage.reads.js';

export interface PricedService {
  service: string;
  unit: string;
  usdPerUnit: string;
  /** What a report of one unit charges this user (rounded up once, like every charge). */
  creditsPerUnit: bigint;
  creditsPerMillionUnits: bigint;
}

/** An id that is not a UUID names no account (and would fail PostgreSQL's uuid cast: a 500). */
function account(userId: string | null): string | null {
  if (userId !== null && !isUuid(userId)) throw new NotFoundError('User');
  return userId;
}

/** Usage analytics over a range (the caller's, or everyone's for an admin) and the per-unit price list. */
export class MeteringService {
  constructor(
    private readonly reads: UsageReads,
    private readonly prices: ServicePriceStore,
    private readonly catalog: CatalogService,
    private readonly policy: Pick<PricingPolicy, 'byClassBps' | 'creditUsdMicro'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `userId` null: every account (admin). `memberId`: only that member's calls on the account (a team's plain member). */
  async summary(userId: string | null, from?: Date | null, to?: Date | null, memberId: string | null = null): Promise<UsageRange & UsageTotals> {
    const range = resolveRange(from, to, this.now());
    return { ...range, ...(await this.reads.summary(account(userId), range, memberId)) };
  }

  async byModel(userId: string | null, from?: Date | null, to?: Date | null, memberId: string | null = null): Promise<ModelTotals[]> {
    return this.reads.byModel(account(userId), resolveRange(from, to, this.now()), memberId);
  }

  async byDay(userId: string | null, from?: Date | null, to?: Date | null, memberId: string | null = null): Promise<DayTotals[]> {
    return this.reads.byDay(account(userId), resolveRange(from, to, this.now()), memberId);
  }

  /** The account's usage per member; `memberId`: only that member's row (a team's plain member sees only their own). */
  async byMember(accountId: string, memberId: string | null, from?: Date | null, to?: Date | null): Promise<MemberTotals[]> {
    return this.reads.byMember(account(accountId)!, resolveRange(from, to, this.now()), memberId);
  }

  /** The services trackUsage meters, priced for this user's tier. */
  async servicePrices(userId: string): Promise<PricedService[]> {
    const tier = await this.catalog.tierOf(userId);
    const markupBps = serviceMarkupBps(tier, this.policy);
    return (await this.prices.list()).map((price) => ({
      service: price.service,
      unit: price.unit,
      usdPerUnit: nanoToUsd(price.nanoPerUnit),
      creditsPerUnit: serviceCharge(price, 1n, markupBps, this.policy.creditUsdMicro).charged,
      creditsPerMillionUnits: serviceCharge(price, 1_000_000n, markupBps, this.policy.creditUsdMicro).charged,
    }));
  }
}
