import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { FormThenConfirmDialog } from '../ui/FormThenConfirmDialog';
import { localDay } from '../ui/local-date';
import { useFormThenConfirm } from '../ui/useFormThenConfirm';
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
  const { run } = useCreditAction();
  const flow = useFormThenConfirm({
    hasProblems: () => Object.keys(creditActionProblems(kind, values, today)).length > 0,
    send: async () => {
      const moved = await run(toCreditActionRequest(kind, values, userId, idempotencyKey));
      onDone(completionMessage(kind, email, moved));
    },
    isFieldProblem: (problem) => creditActionFieldOf(problem) !== undefined,
  });

  const { problem } = flow;
  const clientErrors = flow.submitted ? creditActionProblems(kind, values, today) : {};
  const serverField = problem ? creditActionFieldOf(problem) : undefined;
  const serverMessage = problem ? describeProblem(problem, creditActionWording(kind, email)) : undefined;
  const errors = serverField ? { ...clientErrors, [serverField]: clientErrors[serverField] ?? serverMessage } : clientErrors;

  return (
    <FormThenConfirmDialog
      flow={flow}
      title={TITLES[kind]}
      testIdPrefix="credit-action"
      onClose={onClose}
      subject={
        <>
          {kind === 'deduct' ? 'From' : 'To'} <strong>{email}</strong>
        </>
      }
      fields={
        <CreditActionFields
          kind={kind}
          values={values}
          errors={errors}
          today={today}
          onChange={(next) => {
            setValues((current) => ({ ...current, ...next }));
            flow.clearProblem();
          }}
        />
      }
      confirmation={() => (
        <>
          <p className="confirm-question" data-testid="credit-action-question">
            {confirmationQuestion(kind, values, email)}
          </p>
          <p className="muted">Reason: “{values.reason.trim()}”</p>
        </>
      )}
      problemMessage={serverMessage}
      problemOnField={serverField !== undefined}
      confirmLabel={`${VERBS[kind]} now`}
      danger={kind === 'deduct'}
    />
  );
}
