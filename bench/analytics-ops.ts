import type pg from 'pg';

import type { Gql } from './support.js';

export type { Gql };

const MONEY = 'grossRevenueUsd netRevenueUsd providerCostUsd grossProfitUsd marginPercent';
const USER = `userId email tierCode ${MONEY} creditsConsumed balance available burnPerDay7d burnPerDay30d runwayDays`;
const USAGE =
  'provider requests cachedRequests errorRequests byokRequests inputTokens outputTokens creditsConsumed usageRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent';

/** What the admin console's billing page asks: every figure and every breakdown of the range. */
const SUMMARY = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) {
  from to testMode grossRevenueUsd packagesRevenueUsd subscriptionsRevenueUsd autoRechargeRevenueUsd refundsUsd disputesUsd stripeFeesUsd
  paymentsWithoutFee netRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent creditsSold creditsGranted creditsConsumed
  creditsExpired creditsClawedBack outstandingCredits outstandingPaidCredits outstandingPromotionalCredits outstandingLiabilityUsd mrrUsd activeSubscriptions
  subscriptionsByTier { tierCode }
  byDay { day grossRevenueUsd refundsUsd stripeFeesUsd netRevenueUsd providerCostUsd grossProfitUsd creditsSold creditsConsumed outstandingCredits outstandingPaidCredits outstandingLiabilityUsd mrrUsd activeSubscriptions }
  byModel { modelId ${USAGE} }
  byProvider { ${USAGE} }
  byTier { tierCode }
  byUser(first: 20) { totalCount nodes { ${USER} } }
} }`;
const ECONOMICS = `query($from: DateTime, $to: DateTime) { adminUserEconomics(from: $from, to: $to, first: 20) { totalCount nodes { ${USER} } } }`;
const RUNWAY = `query { adminRunwayWatch(thresholdDays: 7, first: 100) { totalCount nodes { ${USER} } } }`;
const RECONCILIATION = `query($from: DateTime, $to: DateTime) { adminProviderReconciliation(from: $from, to: $to) {
  provider day requests inputTokens outputTokens listCostUsd cachedUsd byokUsd expectedCostUsd meteredCostUsd differenceUsd errorCostUsd unexplainedUsd explanation } }`;

export interface Op {
  name: string;
  /** One call: the API's answer (or the stand-in's rows). */
  call: (db: Target) => Promise<unknown>;
  /** Set when the API answered "not implemented" and a stand-in query over the rollup ran instead. */
  standIn?: string;
}

export interface Target {
  label: string;
  url: string;
  gql: Gql;
  token: string;
  pool: pg.Pool;
  range: { from: string; to: string };
}

/**
 * A stand-in for an operation the server does not implement yet: the rollup read the figure needs
 * (so the harness, the seed and the EXPLAIN check could be built before the services existed).
 */
const STAND_INS: Record<string, string> = {
  adminBillingSummary: `select day, model_id, provider, sum(requests) as requests, sum(cost_nano) filter (where not byok and status <> 'cached') as cost,
      sum(cost_nano) filter (where byok and status <> 'cached') as byok_cost, sum(charged) as charged
    from usage_daily where day >= $1::date and day < $2::date group by rollup (day, (model_id, provider))`,
  adminUserEconomics: `select user_id, sum(cost_nano) filter (where not byok and status <> 'cached') as cost, sum(charged) as charged
    from usage_daily where day >= $1::date and day < $2::date group by user_id order by charged desc limit 20`,
  adminRunwayWatch: `select a.user_id, a.balance - a.held as available, b.burn from credit_account a
    join (select user_id, sum(charged) / 7 as burn from usage_daily where day > $2::date - 8 group by user_id) b on b.user_id = a.user_id
    where b.burn > 0 and (a.balance - a.held) / b.burn < 7 order by (a.balance - a.held) / b.burn`,
  adminProviderReconciliation: `select provider, day, status, byok, sum(requests + error_requests) as requests, sum(input_tokens) as input_tokens,
      sum(output_tokens) as output_tokens, sum(cost_nano) as cost
    from usage_daily where day >= $1::date and day < $2::date group by provider, day, status, byok`,
};

const DOCUMENTS: Record<string, string> = {
  adminBillingSummary: SUMMARY,
  adminUserEconomics: ECONOMICS,
  adminRunwayWatch: RUNWAY,
  adminProviderReconciliation: RECONCILIATION,
};

/** The four operations; each asks the API once and falls back to its stand-in while the server says "not implemented". */
export async function buildOps(probe: Target): Promise<Op[]> {
  const ops: Op[] = [];
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    const viaApi = (t: Target) => t.gql(document, name === 'adminRunwayWatch' ? {} : t.range, t.token);
    try {
      await viaApi(probe);
      ops.push({ name, call: viaApi });
    } catch (err) {
      const message = (err as Error).message;
      if (!/not implemented/i.test(message)) throw err;
      const standIn = STAND_INS[name]!;
      ops.push({ name, standIn, call: async (t) => (await t.pool.query(standIn, [t.range.from.slice(0, 10), t.range.to.slice(0, 10)])).rows });
    }
  }
  return ops;
}
