import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { changeDirection, changeWording, type SubscriptionView } from './subscription-format';
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

/** Upgrade now (prorated), downgrade at the period's end, or undo a scheduled downgrade: the dialog says which. */
export function ChangeSubscriptionDialog({ open, from, to, tiers, pending, onConfirm, onClose }: Props) {
  const words = changeWording(changeDirection(from.tier.code, to.code, tiers), to.name, from.currentPeriodEnd);
  return (
    <ConfirmActionDialog
      open={open}
      title={words.title}
      confirmLabel={words.confirm}
      pending={pending}
      action={onConfirm}
      onClose={onClose}
      wording={BILLING_WORDING}
    >
      <p data-testid="change-question">{words.question}</p>
    </ConfirmActionDialog>
  );
}
