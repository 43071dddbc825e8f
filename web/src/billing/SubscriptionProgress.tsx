/** On the success page after a subscription checkout: the tier it starts. */
export function SubscriptionProgress({ tierCode }: { tierCode: string }) {
  return (
    <p data-testid="subscription-progress" data-tier={tierCode}>
      Your <strong>{tierCode}</strong> subscription starts as soon as the payment is confirmed.
    </p>
  );
}
