import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import type { KeyToDelete } from './ProviderKeyRow';
import { maskedKey, providerName } from './provider-key-form';

interface Props {
  providerKey: KeyToDelete | null;
  pending: boolean;
  onDelete: (id: string) => Promise<void>;
  onClose: () => void;
}

export function DeleteProviderKeyDialog({ providerKey, pending, onDelete, onClose }: Props) {
  return (
    <ConfirmActionDialog
      open={providerKey !== null}
      title="Delete this key?"
      confirmLabel="Delete key"
      pending={pending}
      action={() => (providerKey ? onDelete(providerKey.id) : Promise.resolve())}
      onClose={onClose}
    >
      {providerKey && (
        <p>
          Your {providerName(providerKey.provider)} key <code>{maskedKey(providerKey.last4)}</code> is erased. Calls to {providerName(providerKey.provider)}{' '}
          models go through Tollgate&apos;s account again, with the usual markup.
        </p>
      )}
    </ConfirmActionDialog>
  );
}
