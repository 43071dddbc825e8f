import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface Props {
  model: { id: string; displayName: string } | null;
  pending: boolean;
  onDeactivate: (modelId: string) => Promise<void>;
  onClose: () => void;
}

/** Taking a model off is felt at once by every caller: it asks first. Putting one back does not. */
export function DeactivateModelDialog({ model, pending, onDeactivate, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!model) return;
    try {
      await onDeactivate(model.id);
      close();
    } catch (problem) {
      setError(describeProblem(problemFromError(problem)));
    }
  };
  return (
    <ConfirmDialog open={model !== null} title="Deactivate this model?" confirmLabel="Deactivate" pending={pending} onConfirm={() => void confirm()} onCancel={close}>
      {error && <Alert>{error}</Alert>}
      {model && (
        <p>
          <strong>{model.displayName}</strong> (<code>{model.id}</code>) disappears from the models list, and requests to
          it are refused until you turn it back on. Its prices are kept.
        </p>
      )}
    </ConfirmDialog>
  );
}
