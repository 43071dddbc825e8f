import { displayCredits } from '../../credits/money';
import { displayCount } from '../../models/format';
import { ratioPercent } from '../../ui/format-percent';

export interface CacheFigures {
  requests: number;
  hits: number;
  hitRate: number;
  creditsSaved: string;
}

/** The response cache across every account: how often it answered, and what that spared users. */
export function CacheStatsCard({ stats }: { stats: CacheFigures }) {
  return (
    <dl className="card gateway-cache" data-testid="admin-cache-stats" data-hits={stats.hits} data-requests={stats.requests} data-saved={stats.creditsSaved}>
      <div>
        <dt>Hit rate</dt>
        <dd className="gateway-figure">{ratioPercent(stats.hitRate)}</dd>
      </div>
      <div>
        <dt>Answered from the cache</dt>
        <dd className="gateway-figure">
          {displayCount(stats.hits)} <span className="muted">of {displayCount(stats.requests)}</span>
        </dd>
      </div>
      <div>
        <dt>Credits saved</dt>
        <dd className="gateway-figure" title={`${stats.creditsSaved} credits`}>
          {displayCredits(stats.creditsSaved)}
        </dd>
      </div>
    </dl>
  );
}
