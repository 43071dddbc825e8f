import { subscriptionStatus } from './subscription-format';
import { useBillingSubscription } from './useBillingSubscription';
import { usePoll } from './usePoll';

/**
 * On the success page after a subscription checkout: the subscription until it is ACTIVE on the
 * tier that was bought (the webhook or the test checkout activates it), polled slowly until then.
 */
export function SubscriptionProgress({ tierCode }: { tierCode: string }) {
  const { subscription, refetch } = useBillingSubscription({ live: true });
  const active = subscription?.status === 'ACTIVE' && subscription.tier.code === tierCode;
  usePoll(refetch, active ? 0 : 3_000);
  return (
    <p data-testid="subscription-progress" data-tier={subscription?.tier.code ?? ''} data-status={subscription?.status ?? 'NONE'}>
      {active ? (
        <>
          Your subscription to <strong>{subscription.tier.name}</strong> is {subscriptionStatus(subscription.status).label.toLowerCase()}.
        </>
      ) : (
        <>Your {tierCode} subscription starts as soon as the payment is confirmed…</>
      )}
    </p>
  );
}
