import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ConfirmDialog } from '../ui/ConfirmDialog';

interface Props {
  open: boolean;
  currentName: string;
  pending: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function SwitchToFreeDialog({ open, currentName, pending, onConfirm, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    try {
      await onConfirm();
      close();
    } catch (problem) {
      setError(describeProblem(problemFromError(problem), { FORBIDDEN: 'Only a switch down to Free is possible for now.' }));
    }
  };
  return (
    <ConfirmDialog open={open} title="Switch to Free?" confirmLabel="Switch to Free" pending={pending} onConfirm={() => void confirm()} onCancel={close}>
      {error && <Alert>{error}</Alert>}
      <p>
        You leave the <strong>{currentName}</strong> tier now. Your credits stay, but requests follow the Free tier&apos;s
        limits from the next one on, and models it does not include are refused.
      </p>
      <p className="muted">Moving back up needs billing, which is not available yet.</p>
    </ConfirmDialog>
  );
}
