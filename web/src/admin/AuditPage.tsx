import { useQuery } from '@apollo/client/react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { graphql } from '../gql';
import { Alert } from '../ui/Alert';
import './admin.css';

const LedgerAuditQuery = graphql(`
  query LedgerAudit {
    ledgerAudit {
      accountsChecked
      violations
    }
  }
`);

/** Runs every ledger invariant check on every account, afresh on each visit and on request. */
export function AuditPage() {
  const { data, loading, error, refetch } = useQuery(LedgerAuditQuery, { fetchPolicy: 'network-only' });
  const audit = data?.ledgerAudit;
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Ledger audit</h1>
          <p className="muted">Checks that every balance equals its entries and its grant remainders, holds add up, and no refund exceeds its spend.</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => void refetch()} disabled={loading} data-testid="run-audit">
          {loading ? 'Checking…' : 'Run again'}
        </button>
      </div>
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!audit && loading && <p className="muted">Checking every account…</p>}
      {audit && (
        <div className={`card audit-result${loading ? ' is-busy' : ''}`} data-testid="audit-result" data-violations={audit.violations.length}>
          <p className="audit-summary">
            <span data-testid="audit-accounts">{audit.accountsChecked.toLocaleString()}</span> {audit.accountsChecked === 1 ? 'account' : 'accounts'} checked:{' '}
            {audit.violations.length === 0 ? (
              <span className="badge badge-success" data-testid="audit-clean">
                no violations
              </span>
            ) : (
              <span className="badge badge-danger">
                {audit.violations.length} {audit.violations.length === 1 ? 'violation' : 'violations'}
              </span>
            )}
          </p>
          {audit.violations.length > 0 && (
            <ul className="audit-violations" data-testid="audit-violations">
              {audit.violations.map((violation, index) => (
                <li key={index}>
                  <code>{violation}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
