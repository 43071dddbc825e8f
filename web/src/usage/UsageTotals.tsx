import { displayCount } from '../models/format';
import { Credits } from '../ui/Credits';
import { ratioPercent } from '../ui/format-percent';

/** What the totals read of `usageSummary`. */
export interface UsageTotalsSummary {
  requests: number;
  cachedRequests: number;
  errorRequests: number;
  inputTokens: number;
  outputTokens: number;
  credits: string;
  creditsSaved: string;
}

/** What they read of `cacheStats` (all of the account's history). */
export interface AllTimeCache {
  hitRate: number;
  hits: number;
  creditsSaved: string;
}

interface Props {
  summary: UsageTotalsSummary;
  cache: AllTimeCache | undefined;
}

/** The range's totals as the server computed them: credit amounts are its exact strings, never re-added here. */
export function UsageTotals({ summary, cache }: Props) {
  const rangeHitRate = summary.requests === 0 ? 0 : summary.cachedRequests / summary.requests;
  return (
    <dl className="usage-totals" data-testid="usage-totals" data-credits={summary.credits} data-requests={summary.requests}>
      <div className="card">
        <dt>Credits charged</dt>
        <dd className="usage-figure" data-testid="usage-credits">
          <Credits value={summary.credits} unit={false} />
        </dd>
      </div>
      <div className="card">
        <dt>Requests</dt>
        <dd className="usage-figure" data-testid="usage-requests">
          {displayCount(summary.requests)}
        </dd>
        {summary.errorRequests > 0 && <dd className="muted">and {displayCount(summary.errorRequests)} failed</dd>}
      </div>
      <div className="card">
        <dt>Tokens</dt>
        <dd className="usage-figure">{displayCount(summary.inputTokens + summary.outputTokens)}</dd>
        <dd className="muted">
          {displayCount(summary.inputTokens)} in, {displayCount(summary.outputTokens)} out
        </dd>
      </div>
      <div className="card" data-testid="usage-cache">
        <dt>Cache hit rate</dt>
        <dd className="usage-figure" data-testid="usage-hit-rate">
          {ratioPercent(rangeHitRate)}
        </dd>
        <dd className="muted">
          <Credits value={summary.creditsSaved} /> saved
        </dd>
        {cache && (
          <dd className="muted" data-testid="usage-cache-all-time">
            All time: {ratioPercent(cache.hitRate)} of requests, <Credits value={cache.creditsSaved} usd={false} unit={false} /> saved
          </dd>
        )}
      </div>
    </dl>
  );
}
