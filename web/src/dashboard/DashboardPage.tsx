import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { BalanceCard } from '../credits/BalanceCard';
import { CostEstimator } from '../estimator/CostEstimator';
import { GrantsPanel } from '../credits/GrantsPanel';
import { graphql } from '../gql';
import { Alert } from '../ui/Alert';
import { TierAdvice } from '../tiers/TierAdvice';
import { GettingStarted } from './GettingStarted';
import './dashboard.css';

const DashboardQuery = graphql(`
  query Dashboard {
    me {
      id
      email
      role
      createdAt
      tier {
        code
      }
    }
  }
`);

export function DashboardPage() {
  const { data, error } = useQuery(DashboardQuery);
  const me = data?.me;
  return (
    <section className="page">
      <h1>Dashboard</h1>
      {error && !me && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {me && (
        <dl className="card facts" data-testid="account-summary">
          <div>
            <dt>Signed in as</dt>
            <dd data-testid="dashboard-email">{me.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd data-testid="dashboard-role">{me.role === 'admin' ? 'Administrator' : 'User'}</dd>
          </div>
          <div>
            <dt>Tier</dt>
            <dd data-testid="dashboard-tier">
              <span className="badge">{me.tier.code}</span>
            </dd>
          </div>
        </dl>
      )}
      <TierAdvice variant="banner" />
      <div className="credits-grid">
        <BalanceCard />
        <GrantsPanel />
      </div>
      <section className="card estimate-card" aria-labelledby="estimate-card-title">
        <h2 id="estimate-card-title">Estimate a request</h2>
        <CostEstimator compact />
        <p className="muted estimate-card-more">
          The <Link to="/estimator">estimator</Link> explains what auto picks and why.
        </p>
      </section>
      <GettingStarted />
      <p className="muted">
        Manage your keys on the <Link to="/api-keys">API keys</Link> page; every credit movement is on the <Link to="/transactions">Transactions</Link> page.
        Buy credits or subscribe to a tier on the <Link to="/billing">Billing</Link> page.
      </p>
    </section>
  );
}
