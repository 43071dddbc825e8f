import { BadUserInputError } from '../../platform/errors.js';
import type { Row } from '../../platform/sql.js';
import { systemClock } from '../../platform/clock.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { dayOf, parseRange } from './analytics.range.js';
import type { ProviderReconciliationDay } from './reconciliation.types.js';
import { usd } from './analytics.usd.js';
import { differenceNano, expectedNano, explain, unexplainedNano, type ReconciliationTally } from './reconciliation.explain.js';
import { RECONCILIATION_SQL } from './reconciliation.sql.js';

const MAX_PROVIDER = 100;

const emptyTally = (): ReconciliationTally => ({
  listNano: 0n,
  cachedNano: 0n,
  byokNano: 0n,
  meteredNano: 0n,
  errorNano: 0n,
  costlyErrorCalls: 0,
  priceChanged: new Set(),
  pricedLater: new Set(),
  unpriced: new Set(),
  cacheDiscountMaxNano: 0n,
  cacheDiscountModels: new Set(),
});

interface Day {
  day: string;
  provider: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  tally: ReconciliationTally;
}

/**
 * Provider reconciliation (docs/analytics.md, "Provider reconciliation"): per provider and UTC day,
 * what we metered call by call next to what the stored usage says the provider should bill. All
 * sums are integer nano-dollars; each USD figure is rounded once, at the end.
 *
 * How the gateway records cost_nano (gateway.service.ts): an answered call (`ok`) carries its
 * tokens and cost at the price quoted when it ran, with the provider's prompt-cache discount; a
 * BYOK call the same with `byok`; a cache hit its tokens and no cost; a provider failure neither;
 * a settle that failed (or a hold that lapsed) its cost and no tokens. So the metered cost of a
 * day equals its list cost minus cache hits and BYOK, plus failed calls' cost, unless a price
 * changed during the day or the provider discounted cached prompt tokens.
 */
export class ReconciliationService {
  constructor(readonly deps: AnalyticsDeps) {}

  async days(args: { from?: Date | null; to?: Date | null; provider?: string | null }): Promise<ProviderReconciliationDay[]> {
    const range = parseRange(args.from, args.to, (this.deps.clock ?? systemClock).now());
    const provider = (args.provider ?? '').trim() || null;
    if (provider && provider.length > MAX_PROVIDER) throw new BadUserInputError(`provider must be at most ${MAX_PROVIDER} characters`, 'provider');
    const rows = await this.deps.sql.query(RECONCILIATION_SQL, [dayOf(range.from), dayOf(range.to), provider]);
    const days = new Map<string, Day>();
    for (const r of rows) {
      const key = `${r.day} ${r.provider}`;
      let day = days.get(key);
      if (!day) days.set(key, (day = { day: r.day, provider: r.provider, requests: 0, inputTokens: 0, outputTokens: 0, tally: emptyTally() }));
      add(day, r);
    }
    return [...days.values()].map(toDay);
  }
}

/** Adds one (model, BYOK, outcome) row of the rollup to its provider's day. */
function add(day: Day, r: Row): void {
  const t = day.tally;
  const list = BigInt(r.list_nano);
  const cost = BigInt(r.cost_nano);
  const ours = !r.byok && r.status !== 'cached';
  day.requests += Number(r.requests);
  day.inputTokens += Number(r.input_tokens);
  day.outputTokens += Number(r.output_tokens);
  t.listNano += list;
  if (r.status === 'cached') t.cachedNano += list;
  else if (r.byok) t.byokNano += list;
  if (ours) t.meteredNano += cost;
  if (ours && r.status === 'error') {
    t.errorNano += cost;
    if (cost !== 0n) t.costlyErrorCalls += Number(r.error_requests);
  }
  if (r.price_changed) t.priceChanged.add(r.model_id);
  if (r.priced_later) t.pricedLater.add(r.model_id);
  if (r.unpriced && Number(r.input_tokens) + Number(r.output_tokens) > 0) t.unpriced.add(r.model_id);
  const discount = BigInt(r.cache_discount_max);
  if (ours && r.status === 'ok' && discount > 0n) {
    t.cacheDiscountMaxNano += discount;
    t.cacheDiscountModels.add(r.model_id);
  }
}

function toDay(d: Day): ProviderReconciliationDay {
  const t = d.tally;
  return {
    day: d.day,
    provider: d.provider,
    requests: d.requests,
    inputTokens: d.inputTokens,
    outputTokens: d.outputTokens,
    listCostUsd: usd(t.listNano),
    cachedUsd: usd(t.cachedNano),
    byokUsd: usd(t.byokNano),
    expectedCostUsd: usd(expectedNano(t)),
    errorCostUsd: usd(t.errorNano),
    meteredCostUsd: usd(t.meteredNano),
    differenceUsd: usd(differenceNano(t)),
    unexplainedUsd: usd(unexplainedNano(t)),
    explanation: explain(t),
  };
}
