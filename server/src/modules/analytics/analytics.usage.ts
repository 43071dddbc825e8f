import type { Sql } from '../../platform/sql.js';
import { creditsToPicoUsd, marginPercent, usd } from './analytics.usd.js';

/**
 * Usage economics from the daily rollup only (docs/analytics.md, "Cost"): usage_daily is keyed by
 * user, day, service, model, provider, BYOK and outcome, so a range reads users × days × models
 * rows, never the events. One grouped read serves the totals and every breakdown.
 */

export interface UsageSums {
  requests: bigint;
  cachedRequests: bigint;
  errorRequests: bigint;
  byokRequests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  charged: bigint;
  /** What the providers bill us: not BYOK, not cached (failed calls included). */
  costNano: bigint;
  /** What BYOK calls (not cached) would have cost on our keys. */
  byokNano: bigint;
}

export const zeroUsage = (): UsageSums => ({
  requests: 0n,
  cachedRequests: 0n,
  errorRequests: 0n,
  byokRequests: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  charged: 0n,
  costNano: 0n,
  byokNano: 0n,
});

export interface UsageRow extends UsageSums {
  day: string;
  modelId: string;
  provider: string;
  tierCode: string;
}

/** $1 first day, $2 end day (exclusive). Grouped in SQL; the join to app_user is the user's tier now. */
const USAGE_ROWS = `select g.day::text as day, coalesce(nullif(g.model_id, ''), g.service) as model_id, g.provider, g.byok, g.status, g.tier_code,
    g.requests::text, g.cached::text, g.errors::text, g.input::text, g.output::text, g.cost::text, g.charged::text
  from (
    select d.day, d.service, d.model_id, d.provider, d.byok, d.status, u.tier_code, sum(d.requests) as requests, sum(d.cached_requests) as cached,
      sum(d.error_requests) as errors, sum(d.input_tokens) as input, sum(d.output_tokens) as output, sum(d.cost_nano) as cost, sum(d.charged) as charged
    from usage_daily d join app_user u on u.id = d.user_id
    where d.day >= $1::date and d.day < $2::date
    group by d.day, d.service, d.model_id, d.provider, d.byok, d.status, u.tier_code) g`;

export async function usageRows(sql: Sql, fromDay: string, toDay: string): Promise<UsageRow[]> {
  return (await sql.query(USAGE_ROWS, [fromDay, toDay])).map((r) => {
    const cached = r.status === 'cached';
    const cost = BigInt(r.cost);
    return {
      day: r.day,
      modelId: r.model_id,
      provider: r.provider,
      tierCode: r.tier_code,
      requests: BigInt(r.requests),
      cachedRequests: BigInt(r.cached),
      errorRequests: BigInt(r.errors),
      byokRequests: r.byok ? BigInt(r.requests) : 0n,
      inputTokens: BigInt(r.input),
      outputTokens: BigInt(r.output),
      charged: BigInt(r.charged),
      costNano: !r.byok && !cached ? cost : 0n,
      byokNano: r.byok && !cached ? cost : 0n,
    };
  });
}

export function addUsage(into: UsageSums, row: UsageSums): UsageSums {
  for (const k of Object.keys(into) as Array<keyof UsageSums>) into[k] += row[k];
  return into;
}

/** Sums rows by a key. */
export function groupUsage<K>(rows: UsageRow[], keyOf: (r: UsageRow) => K): Map<K, UsageSums> {
  const out = new Map<K, UsageSums>();
  for (const r of rows) {
    const k = keyOf(r);
    addUsage(out.get(k) ?? out.set(k, zeroUsage()).get(k)!, r);
  }
  return out;
}

/** The UsageEconomics fields: usage revenue at the nominal CREDIT_USD, exact in pico-dollars, rounded once. */
export function economicsOf(s: UsageSums, creditUsdMicro: bigint) {
  const revenuePico = creditsToPicoUsd(s.charged, creditUsdMicro);
  const profitPico = revenuePico - s.costNano * 1000n;
  return {
    requests: Number(s.requests),
    cachedRequests: Number(s.cachedRequests),
    errorRequests: Number(s.errorRequests),
    byokRequests: Number(s.byokRequests),
    inputTokens: Number(s.inputTokens),
    outputTokens: Number(s.outputTokens),
    creditsConsumed: s.charged,
    usageRevenueUsd: usd(revenuePico, 'pico'),
    providerCostUsd: usd(s.costNano, 'nano'),
    byokCostUsd: usd(s.byokNano, 'nano'),
    grossProfitUsd: usd(profitPico, 'pico'),
    marginPercent: marginPercent(profitPico, revenuePico),
  };
}

/** Largest provider cost first, then the key (a stable order). */
export function byCostDesc<T extends { costNano: bigint }>(a: [string, T], b: [string, T]): number {
  if (a[1].costNano !== b[1].costNano) return a[1].costNano > b[1].costNano ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
