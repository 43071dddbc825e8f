import { useQuery } from '@apollo/client/react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { graphql } from '../gql';
import { Alert } from '../ui/Alert';
import { GrantRow } from './GrantRow';
import './credits.css';

const CreditGrantsQuery = graphql(`
  query CreditGrants {
    creditGrants {
      id
      ...GrantRow_CreditGrant
    }
  }
`);

/** The buckets the balance is made of, in the order calls will spend them (the server's order). */
export function GrantsPanel() {
  const { data, previousData, error } = useQuery(CreditGrantsQuery);
  // Refetched after every balance change: keep showing the last list meanwhile.
  const grants = (data ?? previousData)?.creditGrants;
  const now = new Date();
  return (
    <article className="card grants-panel" data-testid="grants-panel">
      <h2>Where your credit comes from</h2>
      <p className="muted">Calls spend these top to bottom: by priority, then whatever expires soonest.</p>
      {error && !grants && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!grants && !error && <p className="muted">Loading…</p>}
      {grants && grants.length === 0 && (
        <p className="empty" data-testid="grants-empty">
          No credit left.
        </p>
      )}
      {grants && grants.length > 0 && (
        <ol className="grants">
          {grants.map((grant, index) => (
            <GrantRow key={grant.id} grant={grant} position={index + 1} now={now} />
          ))}
        </ol>
      )}
    </article>
  );
}
