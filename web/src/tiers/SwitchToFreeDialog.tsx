import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';

interface Props {
  open: boolean;
  currentName: string;
  pending: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function SwitchToFreeDialog({ open, currentName, pending, onConfirm, onClose }: Props) {
  return (
    <ConfirmActionDialog
      open={open}
      title="Switch to Free?"
      confirmLabel="Switch to Free"
      pending={pending}
      action={onConfirm}
      onClose={onClose}
      wording={{ FORBIDDEN: 'Only a switch down to Free is possible for now.' }}
    >
      <p>
        You leave the <strong>{currentName}</strong> tier now. Your credits stay, but requests follow the Free tier&apos;s limits from the next one on, and
        models it does not include are refused.
      </p>
      <p className="muted">Moving back up needs billing, which is not available yet.</p>
    </ConfirmActionDialog>
  );
}
