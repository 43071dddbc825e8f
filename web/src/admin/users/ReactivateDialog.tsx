import { ConfirmActionDialog } from '../../ui/ConfirmActionDialog';

interface Props {
  open: boolean;
  email: string;
  /** A team's account: its members may act for it again. */
  team?: boolean;
  pending: boolean;
  reactivate: () => Promise<void>;
  onClose: () => void;
  onDone: () => void;
}

/** Lifts a suspension: the user's sessions and API keys work again from the next request. */
export function ReactivateDialog({ open, email, team = false, pending, reactivate, onClose, onDone }: Props) {
  return (
    <ConfirmActionDialog
      open={open}
      title={team ? 'Reactivate team' : 'Reactivate user'}
      confirmLabel="Reactivate"
      pending={pending}
      action={async () => {
        await reactivate();
        onDone();
      }}
      onClose={onClose}
    >
      <p className="confirm-question">
        {team
          ? `Reactivate ${email}? Its members may act for it and its API keys work again at once.`
          : `Reactivate ${email}? Their sessions and API keys work again at once.`}
      </p>
    </ConfirmActionDialog>
  );
}
