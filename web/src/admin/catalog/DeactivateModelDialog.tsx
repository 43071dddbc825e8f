import { ConfirmActionDialog } from '../../ui/ConfirmActionDialog';

interface Props {
  model: { id: string; displayName: string } | null;
  pending: boolean;
  onDeactivate: (modelId: string) => Promise<void>;
  onClose: () => void;
}

/** Taking a model off is felt at once by every caller: it asks first. Putting one back does not. */
export function DeactivateModelDialog({ model, pending, onDeactivate, onClose }: Props) {
  return (
    <ConfirmActionDialog
      open={model !== null}
      title="Deactivate this model?"
      confirmLabel="Deactivate"
      pending={pending}
      action={() => (model ? onDeactivate(model.id) : Promise.resolve())}
      onClose={onClose}
    >
      {model && (
        <p>
          <strong>{model.displayName}</strong> (<code>{model.id}</code>) disappears from the models list, and requests to it are refused until you turn it back
          on. Its prices are kept.
        </p>
      )}
    </ConfirmActionDialog>
  );
}
