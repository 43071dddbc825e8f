import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { hasUsage } from '../../usage/chart-data';
import { rangeFromParams, rangeToParams, type UsageRange } from '../../usage/usage-range';
import { UsageRangeForm } from '../../usage/UsageRangeForm';
import { UsageTotals } from '../../usage/UsageTotals';
import { useAdminUsage } from './useAdminUsage';
import '../../usage/usage.css';

const UsageCharts = lazy(() => import('../../usage/charts/UsageCharts'));

/**
 * Usage across every account (the admin usage queries): the same totals and charts as a user's
 * usage page, over the whole installation. `?user=<id>` narrows it to one account.
 */
export function AdminUsagePage() {
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => new Date());
  const [draft, setDraft] = useState<{ range: UsageRange; at: string } | null>(null);
  const fromUrl = useMemo(() => rangeFromParams(params, now), [params, now]);
  const range = draft && draft.at === params.toString() ? draft.range : fromUrl;
  const userId = params.get('user');
  const usage = useAdminUsage(range, userId);

  const change = (next: UsageRange) => {
    if (next.from && next.to) {
      setDraft(null);
      const nextParams = rangeToParams(next, now);
      if (userId) nextParams.set('user', userId);
      setParams(nextParams, { replace: true });
    } else {
      setDraft({ range: next, at: params.toString() });
    }
  };

  return (
    <section className="page">
      <h1>Usage, all accounts</h1>
      <p className="muted">
        Requests, tokens and credits charged across {userId ? 'one account' : 'every account'}, from the daily rollups. Dates in UTC.
      </p>
      <UsageRangeForm range={range} now={now} onChange={change} />
      {usage.error && !usage.summary && <Alert>{describeProblem(problemFromError(usage.error))}</Alert>}
      {!usage.summary && !usage.error && !usage.rangeProblem && <p className="muted">Loading usage…</p>}
      {usage.summary && (
        <div className={usage.stale ? 'is-busy' : undefined} aria-busy={usage.loading} data-testid="admin-usage-content">
          <UsageTotals summary={usage.summary} cache={usage.cache} />
          {hasUsage(usage.days) || usage.models.length > 0 ? (
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <UsageCharts days={usage.days} models={usage.models} />
            </Suspense>
          ) : (
            <p className="empty" data-testid="admin-usage-empty">No usage in this range.</p>
          )}
        </div>
      )}
    </section>
  );
}
