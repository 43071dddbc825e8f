import { formatDate } from '../ui/format-date';
import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { BILLING_WORDING } from './billing-problem';
import type { SubscriptionView } from './subscription-format';

interface Props {
  open: boolean;
  subscription: Pick<SubscriptionView, 'tier' | 'currentPeriodEnd'>;
  pending: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function CancelSubscriptionDialog({ open, subscription, pending, onConfirm, onClose }: Props) {
  const end = subscription.currentPeriodEnd ? `on ${formatDate(subscription.currentPeriodEnd)}` : 'at the end of this period';
  return (
    <ConfirmActionDialog
      open={open}
      title="Cancel your subscription"
      confirmLabel="Cancel at period end"
      pending={pending}
      action={onConfirm}
      onClose={onClose}
      wording={BILLING_WORDING}
    >
      <p>
        Your {subscription.tier.name} subscription ends {end}. You keep the tier and its credits until then, and can resume it before that. Nothing more is
        charged.
      </p>
    </ConfirmActionDialog>
  );
}
