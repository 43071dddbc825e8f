import type { Row } from '../../platform/sql.js';
import type { UserEconomics } from './analytics.types.js';
import { centsToNano, marginPercent, usd } from './analytics.usd.js';

/** pg sends numeric/bigint as text; every figure of the statement is a whole number. */
const int = (v: unknown): bigint => BigInt(v as string);

/** Tenths of a day as "12.3" (already floored by the statement). */
export function runwayText(tenths: bigint): string {
  return `${tenths / 10n}.${tenths % 10n}`;
}

/**
 * One row of economicsPageSql as the GraphQL type. USD figures are rounded once here: revenue is
 * exact cents, cost and profit nano-dollars; the margin is profit ÷ net revenue, both in nano.
 */
export function toUserEconomics(r: Row): UserEconomics {
  const balance = int(r.balance);
  const net = int(r.net);
  const profit = int(r.profit_nano);
  return {
    userId: r.id,
    email: r.email,
    tierCode: r.tier_code,
    suspendedAt: r.suspended_at ? new Date(r.suspended_at) : null,
    grossRevenueUsd: usd(int(r.gross), 'cents'),
    netRevenueUsd: usd(net, 'cents'),
    providerCostUsd: usd(int(r.cost), 'nano'),
    grossProfitUsd: usd(profit, 'nano'),
    marginPercent: marginPercent(profit, centsToNano(net)),
    creditsConsumed: int(r.consumed),
    balance,
    available: balance - int(r.held),
    burnPerDay7d: int(r.burn7),
    burnPerDay30d: int(r.burn30),
    runwayDays: r.runway_tenths == null ? null : runwayText(int(r.runway_tenths)),
  };
}
