import { subscriptionOutlook, subscriptionStatus, type SubscriptionView } from './subscription-format';

const TONE_BADGE = { ok: 'badge-success', pending: 'badge-warning', bad: 'badge-danger', neutral: 'badge-muted' } as const;

export function SubscriptionDetails({ subscription }: { subscription: SubscriptionView }) {
  const status = subscriptionStatus(subscription.status);
  return (
    <dl data-testid="subscription-details" data-status={subscription.status} data-tier={subscription.tier.code}>
      <dt>Tier</dt>
      <dd data-testid="subscription-tier">
        {subscription.tier.name}
        {subscription.testMode && (
          <span className="badge badge-test" title="Subscribed through the test checkout: no money moves">
            test
          </span>
        )}
      </dd>
      <dt>Status</dt>
      <dd>
        <span className={`badge ${TONE_BADGE[status.tone]}`} data-testid="subscription-status">
          {status.label}
        </span>
      </dd>
      <dt>Next</dt>
      <dd data-testid="subscription-outlook">{subscriptionOutlook(subscription)}</dd>
    </dl>
  );
}
