import { ConfirmActionDialog } from '../../ui/ConfirmActionDialog';

interface Props {
  open: boolean;
  email: string;
  pending: boolean;
  reactivate: () => Promise<void>;
  onClose: () => void;
  onDone: () => void;
}

/** Lifts a suspension: the user's sessions and API keys work again from the next request. */
export function ReactivateDialog({ open, email, pending, reactivate, onClose, onDone }: Props) {
  return (
    <ConfirmActionDialog
      open={open}
      title="Reactivate user"
      confirmLabel="Reactivate"
      pending={pending}
      action={async () => {
        await reactivate();
        onDone();
      }}
      onClose={onClose}
    >
      <p className="confirm-question">Reactivate {email}? Their sessions and API keys work again at once.</p>
    </ConfirmActionDialog>
  );
}
