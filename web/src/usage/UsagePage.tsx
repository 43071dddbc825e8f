import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { useActingAccess } from '../api-keys/useActingAccess';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { hasUsage } from './chart-data';
import { MemberUsageSection } from './MemberUsageSection';
import { rangeFromParams, rangeToParams, type UsageRange } from './usage-range';
import { OveragePanel } from './OveragePanel';
import { UsageRangeForm } from './UsageRangeForm';
import { UsageTotals } from './UsageTotals';
import { useUsage } from './useUsage';
import './usage.css';

const UsageCharts = lazy(() => import('./charts/UsageCharts'));

/** What was used and spent over a range of UTC days: the server's totals, then the charts. */
export function UsagePage() {
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => new Date());
  // A date box being cleared cannot go to the URL (it would read back as the default): it is held
  // here, for as long as the URL it was typed against is the current one.
  const [draft, setDraft] = useState<{ range: UsageRange; at: string } | null>(null);
  const fromUrl = useMemo(() => rangeFromParams(params, now), [params, now]);
  const range = draft && draft.at === params.toString() ? draft.range : fromUrl;
  const usage = useUsage(range);
  const access = useActingAccess();

  const change = (next: UsageRange) => {
    if (next.from && next.to) {
      setDraft(null);
      setParams(rangeToParams(next, now), { replace: true });
    } else {
      setDraft({ range: next, at: params.toString() });
    }
  };

  return (
    <section className="page">
      <h1>Usage</h1>
      <p className="muted">Requests, tokens and credits, from the same records your balance was charged from.</p>
      <OveragePanel />
      <UsageRangeForm range={range} now={now} onChange={change} />
      {usage.error && !usage.summary && <Alert>{describeProblem(problemFromError(usage.error))}</Alert>}
      {!usage.summary && !usage.error && !usage.rangeProblem && <p className="muted">Loading usage…</p>}
      {usage.summary && (
        <div className={usage.stale ? 'is-busy' : undefined} aria-busy={usage.loading} data-testid="usage-content">
          <UsageTotals summary={usage.summary} cache={usage.cache} />
          {hasUsage(usage.days) || usage.models.length > 0 ? (
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <UsageCharts days={usage.days} models={usage.models} />
            </Suspense>
          ) : (
            <p className="empty" data-testid="usage-empty">
              No usage in this range. Run a prompt in the <Link to="/playground">playground</Link> to see it here.
            </p>
          )}
        </div>
      )}
      {access.team && access.role && !usage.rangeProblem && <MemberUsageSection range={range} teamName={access.team.name} memberOnly={access.memberOnly} />}
    </section>
  );
}
