import { useState, type ReactNode } from 'react';
import { describeProblem, type ProblemWording } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from './Alert';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  open: boolean;
  title: string;
  confirmLabel: string;
  pending: boolean;
  /** Runs on confirmation: the dialog closes when it resolves, and shows why when it throws. */
  action: () => Promise<void>;
  onClose: () => void;
  /** This screen's wording for an error code (describeProblem). */
  wording?: ProblemWording;
  children: ReactNode;
}

/** "Are you sure?" for one destructive action, with the server's refusal shown inside the dialog. */
export function ConfirmActionDialog({ open, title, confirmLabel, pending, action, onClose, wording, children }: Props) {
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    try {
      await action();
      close();
    } catch (problem) {
      setError(describeProblem(problemFromError(problem), wording));
    }
  };
  return (
    <ConfirmDialog open={open} title={title} confirmLabel={confirmLabel} pending={pending} onConfirm={() => void confirm()} onCancel={close}>
      {error && <Alert>{error}</Alert>}
      {children}
    </ConfirmDialog>
  );
}
