import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CacheStatsCard } from './CacheStatsCard';
import { ProviderStatusTable } from './ProviderStatusTable';
import { useGatewayStatus } from './useGatewayStatus';
import './gateway.css';

/** Admin: is the gateway healthy? The response cache across every account, and each provider's last 24 hours. */
export function AdminGatewayPage() {
  const { cache, providers, error, loading, refresh } = useGatewayStatus();
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Gateway</h1>
          <p className="muted">The response cache across every account, and each provider over the last 24 hours.</p>
        </div>
        <button type="button" className="button button-secondary" onClick={refresh} disabled={loading} data-testid="gateway-refresh">
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && !cache && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!cache && !error && <p className="muted">Loading…</p>}
      {cache && (
        <>
          <h2>Response cache</h2>
          <CacheStatsCard stats={cache} />
        </>
      )}
      {providers && (
        <>
          <h2>Providers</h2>
          <p className="muted">
            Auto and every model picker offer a provider&apos;s models only when it is configured here, or to a user who added their own key on a tier that
            allows it; with none, the offline sandbox answers.
          </p>
          <ProviderStatusTable providers={providers} />
        </>
      )}
    </section>
  );
}
