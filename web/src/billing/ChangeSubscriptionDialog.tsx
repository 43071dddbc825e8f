import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { changeDirection, changeQuestion, type SubscriptionView } from './subscription-format';
import { BILLING_WORDING } from './billing-problem';

interface Props {
  open: boolean;
  from: Pick<SubscriptionView, 'tier' | 'currentPeriodEnd'>;
  to: { code: string; name: string };
  tiers: readonly { code: string }[];
  pending: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Upgrade now (prorated) or downgrade at the period's end: the dialog says which before it happens. */
export function ChangeSubscriptionDialog({ open, from, to, tiers, pending, onConfirm, onClose }: Props) {
  const direction = changeDirection(from.tier.code, to.code, tiers);
  return (
    <ConfirmActionDialog
      open={open}
      title={direction === 'upgrade' ? `Upgrade to ${to.name}` : `Move to ${to.name}`}
      confirmLabel={direction === 'upgrade' ? 'Upgrade now' : 'Schedule the change'}
      pending={pending}
      action={onConfirm}
      onClose={onClose}
      wording={BILLING_WORDING}
    >
      <p data-testid="change-question">{changeQuestion(direction, to.name, from.currentPeriodEnd)}</p>
    </ConfirmActionDialog>
  );
}
