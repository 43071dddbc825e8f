import { formatDate } from '../ui/format-date';

/** The subscription as the billing screens read it (the API's BillingSubscription). */
export interface SubscriptionView {
  status: string;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  testMode?: boolean;
  tier: { code: string; name: string };
  pendingTier: { code: string; name: string } | null;
}

export type SubscriptionTone = 'ok' | 'pending' | 'bad' | 'neutral';

const STATUS: Record<string, { label: string; tone: SubscriptionTone }> = {
  ACTIVE: { label: 'Active', tone: 'ok' },
  TRIALING: { label: 'Trial', tone: 'ok' },
  PAST_DUE: { label: 'Past due', tone: 'bad' },
  INCOMPLETE: { label: 'Awaiting payment', tone: 'pending' },
  CANCELED: { label: 'Canceled', tone: 'neutral' },
};

export function subscriptionStatus(status: string): { label: string; tone: SubscriptionTone } {
  return STATUS[status] ?? { label: status, tone: 'neutral' };
}

/** A subscription that still bills (or is about to): one that has ended is as good as none. */
export function isLive(subscription: Pick<SubscriptionView, 'status'> | null | undefined): boolean {
  return Boolean(subscription) && subscription!.status !== 'CANCELED';
}

export function isPastDue(subscription: Pick<SubscriptionView, 'status'> | null | undefined): boolean {
  return subscription?.status === 'PAST_DUE';
}

/** What the user may do with it now. A downgrade or cancellation waits for the period's end; until then it can be undone. */
export function subscriptionActions(subscription: SubscriptionView | null | undefined) {
  const live = isLive(subscription);
  return {
    subscribe: !live,
    change: live && subscription!.status !== 'INCOMPLETE' && !subscription!.cancelAtPeriodEnd,
    cancel: live && subscription!.status !== 'INCOMPLETE' && !subscription!.cancelAtPeriodEnd,
    resume: live && subscription!.cancelAtPeriodEnd,
    portal: live,
  };
}

/** One line on what happens next: renewal, the end, a scheduled downgrade, or the failed payment. */
export function subscriptionOutlook(subscription: SubscriptionView, locale?: string, timeZone?: string): string {
  const end = subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd, locale, timeZone) : null;
  if (subscription.status === 'PAST_DUE') return 'The last payment failed. Stripe retries it; update your card to keep your tier.';
  if (subscription.status === 'INCOMPLETE') return 'Waiting for the first payment to be confirmed.';
  if (subscription.status === 'CANCELED') return 'This subscription has ended.';
  if (subscription.cancelAtPeriodEnd)
    return end ? `Ends on ${end}; you keep ${subscription.tier.name} and its credits until then.` : 'Ends at the end of this period.';
  if (subscription.pendingTier)
    return end ? `Changes to ${subscription.pendingTier.name} on ${end}.` : `Changes to ${subscription.pendingTier.name} at the end of this period.`;
  return end ? `Renews on ${end}.` : 'Renews monthly.';
}

/**
 * Whether moving to `toCode` is an upgrade (applied now, prorated), a downgrade (at the period's
 * end), or keeping the current tier (undoing a scheduled downgrade). `tiers` is the API's order,
 * cheapest first.
 */
export type ChangeDirection = 'upgrade' | 'downgrade' | 'keep';

export function changeDirection(fromCode: string, toCode: string, tiers: readonly { code: string }[]): ChangeDirection {
  if (fromCode === toCode) return 'keep';
  const position = (code: string) => tiers.findIndex((tier) => tier.code === code);
  return position(toCode) > position(fromCode) ? 'upgrade' : 'downgrade';
}

/** The tiers a live subscription can change to: every paid one but its own, which comes back to undo a scheduled downgrade. */
export function changeChoices<T extends { code: string }>(paid: readonly T[], subscription: Pick<SubscriptionView, 'tier' | 'pendingTier'>): T[] {
  return paid.filter((tier) => tier.code !== subscription.tier.code || subscription.pendingTier !== null);
}

/** The confirmation dialog's words for a change. */
export function changeWording(direction: ChangeDirection, toName: string, periodEnd: string | null): { title: string; confirm: string; question: string } {
  const when = periodEnd ? `on ${formatDate(periodEnd)}` : 'at the end of this period';
  switch (direction) {
    case 'upgrade':
      return {
        title: `Upgrade to ${toName}`,
        confirm: 'Upgrade now',
        question: `Upgrade to ${toName} now? You pay the prorated difference for the rest of this period, and get the extra credits for it when that payment is confirmed.`,
      };
    case 'downgrade':
      return {
        title: `Move to ${toName}`,
        confirm: 'Schedule the change',
        question: `Move to ${toName} ${when}? You keep your current tier and its credits until then.`,
      };
    case 'keep':
      return {
        title: `Keep ${toName}`,
        confirm: `Keep ${toName}`,
        question: `Stay on ${toName} and drop the change scheduled for ${periodEnd ? formatDate(periodEnd) : 'the end of this period'}?`,
      };
  }
}
