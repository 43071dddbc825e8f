import type { Sql } from '../../platform/sql.js';
import type { Subscriptions } from './analytics.close.js';
import { netCents, zeroPayments, type PaymentFigures } from './analytics.payments.js';
import type { TierEconomics } from './analytics.types.js';
import { economicsOf, groupUsage, zeroUsage, type UsageRow } from './analytics.usage.js';
import { usd } from './analytics.usd.js';

/**
 * byTier (docs/analytics.md, "Breakdowns"): each user counts in the tier they are on now. A tier
 * is listed when it has users, usage, payments or subscriptions; cheapest first, then by code.
 */
export async function tierBreakdown(
  sql: Sql,
  usage: UsageRow[],
  payments: Map<string, PaymentFigures>,
  subs: Subscriptions,
  creditUsdMicro: bigint,
): Promise<TierEconomics[]> {
  const [tiers, users] = await Promise.all([
    sql.query(`select code, name, monthly_price_cents from tier order by monthly_price_cents, code`),
    sql.query(`select tier_code, count(*)::int as users from app_user group by tier_code`),
  ]);
  const usageByTier = groupUsage(usage, (r) => r.tierCode);
  const usersByTier = new Map(users.map((r) => [r.tier_code as string, r.users as number]));
  const subsByTier = new Map(subs.byTier.map((t) => [t.tierCode, t]));
  const codes = [...tiers.map((t) => t.code as string)];
  for (const code of [...usersByTier.keys(), ...usageByTier.keys(), ...payments.keys()]) if (!codes.includes(code)) codes.push(code);
  const names = new Map(tiers.map((t) => [t.code as string, t.name as string]));
  return codes
    .filter((code) => usersByTier.has(code) || usageByTier.has(code) || payments.has(code) || (subsByTier.get(code)?.count ?? 0) > 0)
    .map((code) => {
      const p = payments.get(code) ?? zeroPayments();
      const s = subsByTier.get(code);
      return {
        tierCode: code,
        tierName: names.get(code) ?? code,
        users: usersByTier.get(code) ?? 0,
        grossRevenueUsd: usd(p.grossCents, 'cents'),
        netRevenueUsd: usd(netCents(p), 'cents'),
        activeSubscriptions: s?.count ?? 0,
        mrrUsd: usd(s?.mrrCents ?? 0n, 'cents'),
        ...economicsOf(usageByTier.get(code) ?? zeroUsage(), creditUsdMicro),
      } as TierEconomics;
    });
}
