import { formatDateTime } from '../../ui/format-date';
import type { AdminUserDetail } from './useAdminUser';

/** The user's subscription, if any: tier paid for, status, the period, a pending downgrade. */
export function SubscriptionCard({ subscription }: { subscription: AdminUserDetail['subscription'] }) {
  return (
    <section className="card user-card" aria-labelledby="user-subscription-title" data-testid="user-subscription">
      <h2 id="user-subscription-title">Subscription</h2>
      {!subscription ? (
        <p className="muted" data-testid="user-subscription-none">
          No subscription.
        </p>
      ) : (
        <dl className="user-figures">
          <div className="user-figure">
            <dt>Tier</dt>
            <dd>
              {subscription.tier.name} <span className="muted">({subscription.tier.code})</span>
              {subscription.testMode && <span className="badge badge-muted">test</span>}
            </dd>
          </div>
          <div className="user-figure">
            <dt>Status</dt>
            <dd>
              {subscription.status.toLowerCase().replace('_', ' ')}
              {subscription.cancelAtPeriodEnd && <span className="badge badge-warning">ends at period end</span>}
            </dd>
          </div>
          <div className="user-figure">
            <dt>Period</dt>
            <dd>
              {subscription.currentPeriodStart ? formatDateTime(subscription.currentPeriodStart) : '—'} →{' '}
              {subscription.currentPeriodEnd ? formatDateTime(subscription.currentPeriodEnd) : '—'}
            </dd>
          </div>
          {subscription.pendingTier && (
            <div className="user-figure">
              <dt>Next period</dt>
              <dd>{subscription.pendingTier.name}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
