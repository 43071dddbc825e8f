import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { displayPrefix } from './format';

export interface KeyToRevoke {
  id: string;
  name: string;
  prefix: string;
}

interface Props {
  apiKey: KeyToRevoke | null;
  pending: boolean;
  onRevoke: (id: string) => Promise<void>;
  onClose: () => void;
}

export function RevokeApiKeyDialog({ apiKey, pending, onRevoke, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const confirm = async () => {
    if (!apiKey) return;
    try {
      await onRevoke(apiKey.id);
      close();
    } catch (problem) {
      setError(describeProblem(problemFromError(problem)));
    }
  };

  return (
    <ConfirmDialog
      open={apiKey !== null}
      title="Revoke this key?"
      confirmLabel="Revoke key"
      pending={pending}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      {error && <Alert>{error}</Alert>}
      {apiKey && (
        <p>
          Requests using <strong>{apiKey.name}</strong> (<code>{displayPrefix(apiKey.prefix)}</code>) will be
          refused from now on. This cannot be undone.
        </p>
      )}
    </ConfirmDialog>
  );
}
