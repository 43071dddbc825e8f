import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
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
  return (
    <ConfirmActionDialog
      open={apiKey !== null}
      title="Revoke this key?"
      confirmLabel="Revoke key"
      pending={pending}
      action={() => (apiKey ? onRevoke(apiKey.id) : Promise.resolve())}
      onClose={onClose}
    >
      {apiKey && (
        <p>
          Requests using <strong>{apiKey.name}</strong> (<code>{displayPrefix(apiKey.prefix)}</code>) will be refused from now on. This cannot be undone.
        </p>
      )}
    </ConfirmActionDialog>
  );
}
