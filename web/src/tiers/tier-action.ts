import type { ComparisonTier } from './tier-rows';

/** The user's paid subscription, as far as the tier page needs it (null: none, or one that has ended). */
export interface SubscriptionState {
  tierCode: string;
  status: string;
  /** A downgrade waiting for the period's end. */
  pendingTierCode: string | null;
}

/**
 * What the user can do about a tier: nothing (it is theirs, or a downgrade to it is already
 * scheduled), step down to free (the one change `switchTier` accepts), subscribe through a checkout
 * (no subscription yet), change an existing subscription (upgrade now, downgrade at the period's
 * end), or cancel it on the Billing page (going back to free while subscribed).
 */
export type TierAction =
  | { kind: 'current' }
  | { kind: 'scheduled' }
  | { kind: 'switch-to-free' }
  | { kind: 'cancel-subscription' }
  | { kind: 'subscribe'; label: 'Upgrade' | 'Change' }
  | { kind: 'change'; label: 'Upgrade' | 'Downgrade' };

/** A subscription that still bills: a canceled one no longer stands between the user and a new checkout. */
export function isLiveSubscription(subscription: SubscriptionState | null | undefined): subscription is SubscriptionState {
  return Boolean(subscription) && subscription!.status !== 'CANCELED';
}

/** `tiers` is the API's order, cheapest first: a tier after the current one is an upgrade. */
export function tierAction(
  tier: ComparisonTier,
  currentCode: string,
  tiers: readonly ComparisonTier[],
  subscription: SubscriptionState | null = null,
): TierAction {
  if (tier.code === currentCode) return { kind: 'current' };
  const position = (code: string) => tiers.findIndex((t) => t.code === code);
  const higher = position(tier.code) > position(currentCode);
  if (isLiveSubscription(subscription)) {
    if (subscription.pendingTierCode === tier.code) return { kind: 'scheduled' };
    if (tier.code === 'free') return { kind: 'cancel-subscription' };
    return { kind: 'change', label: higher ? 'Upgrade' : 'Downgrade' };
  }
  // `switchTier` accepts "free" and nothing else.
  if (tier.code === 'free') return { kind: 'switch-to-free' };
  return { kind: 'subscribe', label: higher ? 'Upgrade' : 'Change' };
}
