import { useRef, useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError, type ApiProblem } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { localDay } from '../ui/local-date';
import { Modal } from '../ui/Modal';
import {
  completionMessage,
  confirmationQuestion,
  creditActionFieldOf,
  creditActionProblems,
  creditActionWording,
  EMPTY_CREDIT_ACTION,
  toCreditActionRequest,
  type CreditActionKind,
  type CreditActionValues,
} from './credit-action';
import { CreditActionFields } from './CreditActionFields';
import { newIdempotencyKey } from './idempotency-key';
import { useCreditAction } from './useCreditAction';

export interface CreditActionTarget {
  kind: CreditActionKind;
  userId: string;
  email: string;
}

interface Props {
  target: CreditActionTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}

const TITLES: Record<CreditActionKind, string> = { grant: 'Grant credits', deduct: 'Deduct credits', refund: 'Refund a spend' };
const VERBS: Record<CreditActionKind, string> = { grant: 'Grant', deduct: 'Deduct', refund: 'Refund' };

/**
 * Form, then confirmation, then the mutation. Mount it once per opening: the idempotency key is
 * made when it mounts and kept until it closes, so a double-click, or a retry after an answer that
 * never arrived, replays the first result instead of moving credit twice.
 */
export function CreditActionDialog({ target, onClose, onDone }: Props) {
  const { kind, userId, email } = target;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [today] = useState(() => localDay(new Date()));
  const [values, setValues] = useState<CreditActionValues>(EMPTY_CREDIT_ACTION);
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { run, pending } = useCreditAction();
  // State updates land after the click handler: this stops a second click in the same instant.
  const sending = useRef(false);

  const clientErrors = submitted ? creditActionProblems(kind, values, today) : {};
  const serverField = problem ? creditActionFieldOf(problem) : undefined;
  const serverMessage = problem ? describeProblem(problem, creditActionWording(kind, email)) : undefined;
  const errors = serverField ? { ...clientErrors, [serverField]: clientErrors[serverField] ?? serverMessage } : clientErrors;

  const close = () => {
    if (!sending.current) onClose();
  };

  const review = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(creditActionProblems(kind, values, today)).length > 0) return;
    setProblem(null);
    setStep('confirm');
  };

  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setProblem(null);
    try {
      const moved = await run(toCreditActionRequest(kind, values, userId, idempotencyKey));
      onDone(completionMessage(kind, email, moved));
    } catch (error) {
      const next = problemFromError(error);
      setProblem(next);
      // A problem with one of the inputs goes back to the form, shown beside that input.
      if (creditActionFieldOf(next)) setStep('form');
    } finally {
      sending.current = false;
    }
  };

  return (
    <Modal title={TITLES[kind]} onClose={close} testId="credit-action-dialog">
      {step === 'form' ? (
        <form onSubmit={review} noValidate data-testid="credit-action-form">
          <div className="dialog-body">
            <p className="dialog-subject">
              {kind === 'deduct' ? 'From' : 'To'} <strong>{email}</strong>
            </p>
            {problem && !serverField && <Alert testId="credit-action-error">{serverMessage}</Alert>}
            <CreditActionFields
              kind={kind}
              values={values}
              errors={errors}
              today={today}
              onChange={(next) => {
                setValues((current) => ({ ...current, ...next }));
                setProblem(null);
              }}
            />
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close} data-testid="credit-action-cancel">
              Cancel
            </button>
            <button type="submit" className="button button-primary" data-testid="credit-action-review">
              Review
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(event) => void confirm(event)} data-testid="credit-action-confirm-step">
          <div className="dialog-body">
            {problem && <Alert testId="credit-action-error">{serverMessage}</Alert>}
            <p className="confirm-question" data-testid="credit-action-question">
              {confirmationQuestion(kind, values, email)}
            </p>
            <p className="muted">Reason: “{values.reason.trim()}”</p>
          </div>
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setStep('form')}
              disabled={pending}
              // Focused first, as in ConfirmDialog: an Enter pressed by reflex must not move credit.
              autoFocus
              data-testid="credit-action-back"
            >
              Back
            </button>
            <button
              type="submit"
              className={`button ${kind === 'deduct' ? 'button-danger' : 'button-primary'}`}
              disabled={pending}
              data-testid="credit-action-confirm"
            >
              {pending ? 'Working…' : problem ? `Try again` : `${VERBS[kind]} now`}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
