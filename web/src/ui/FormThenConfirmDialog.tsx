import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Modal } from './Modal';
import type { FormThenConfirm } from './useFormThenConfirm';

interface Props {
  flow: FormThenConfirm;
  title: string;
  /**
   * Names the test ids: `<id>-dialog`, `-form`, `-cancel`, `-review`, `-confirm-step`, `-back`,
   * `-confirm` and `-error`.
   */
  testIdPrefix: string;
  onClose: () => void;
  /** What the dialog acts on, above the form ("To alice@example.com"). */
  subject: ReactNode;
  fields: ReactNode;
  /**
   * What will happen, on the confirmation step. A function: it runs only once the values passed
   * review (formatting unchecked input could throw).
   */
  confirmation: () => ReactNode;
  /** The server's problem as a sentence, if any. */
  problemMessage?: string;
  /** The problem is shown beside an input, so not again above the form. */
  problemOnField?: boolean;
  confirmLabel: string;
  pendingLabel?: string;
  danger?: boolean;
}

/** The two steps of `useFormThenConfirm`, each its own <form>, in a modal that opens when mounted. */
export function FormThenConfirmDialog(props: Props) {
  const { flow, title, testIdPrefix: id, onClose, problemMessage, problemOnField } = props;
  const close = flow.closeWith(onClose);
  return (
    <Modal title={title} onClose={close} testId={`${id}-dialog`}>
      {flow.step === 'form' ? (
        <form onSubmit={flow.review} noValidate data-testid={`${id}-form`}>
          <div className="dialog-body">
            <p className="dialog-subject">{props.subject}</p>
            {problemMessage && !problemOnField && <Alert testId={`${id}-error`}>{problemMessage}</Alert>}
            {props.fields}
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close} data-testid={`${id}-cancel`}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" data-testid={`${id}-review`}>
              Review
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(event) => void flow.confirm(event)} data-testid={`${id}-confirm-step`}>
          <div className="dialog-body">
            {problemMessage && <Alert testId={`${id}-error`}>{problemMessage}</Alert>}
            {props.confirmation()}
          </div>
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={flow.back}
              disabled={flow.pending}
              // Focused first, as in ConfirmDialog: an Enter pressed by reflex must not act.
              autoFocus
              data-testid={`${id}-back`}
            >
              Back
            </button>
            <button
              type="submit"
              className={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
              disabled={flow.pending}
              data-testid={`${id}-confirm`}
            >
              {flow.pending ? (props.pendingLabel ?? 'Working…') : flow.problem ? 'Try again' : props.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
