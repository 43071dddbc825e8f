import { Modal } from '../../ui/Modal';
import type { TierChange } from './tier-form';

interface Props {
  tierName: string;
  changes: readonly TierChange[];
  pending: boolean;
  error?: string;
  onConfirm: () => void;
  onBack: () => void;
}

/** The confirmation: each change with its old and new value. Back is focused, so a reflexive Enter saves nothing. */
export function TierChangesDialog({ tierName, changes, pending, error, onConfirm, onBack }: Props) {
  return (
    <Modal title={`Save changes to ${tierName}?`} onClose={() => !pending && onBack()} testId="tier-changes-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <div className="dialog-body">
          {error && (
            <div className="alert alert-error" role="alert" data-testid="tier-save-error">
              {error}
            </div>
          )}
          <ul className="change-list" data-testid="tier-changes">
            {changes.map((change) => (
              <li key={change.field}>
                <span className="change-label">{change.label}</span> <s className="muted">{change.from}</s> → <strong>{change.to}</strong>
              </li>
            ))}
          </ul>
          <p className="muted">Applies at once to every user on this tier, from their next request.</p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onBack} disabled={pending} autoFocus data-testid="tier-changes-back">
            Back
          </button>
          <button type="submit" className="button button-primary" disabled={pending} data-testid="tier-changes-confirm">
            {pending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
