import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { parseCredits } from '@tollgate/shared';
import { exactCredits } from '../../credits/money';
import { FormThenConfirmDialog } from '../../ui/FormThenConfirmDialog';
import { TextField } from '../../ui/TextField';
import { formatCredits } from '../../ui/format-money';
import { useFormThenConfirm } from '../../ui/useFormThenConfirm';
import {
  completionMessage,
  creditActionFieldOf,
  creditActionProblems,
  creditActionWording,
  EMPTY_CREDIT_ACTION,
  toCreditActionRequest,
  type CreditActionErrors,
  type CreditActionValues,
} from '../credit-action';
import { ReasonField } from '../CreditActionFields';
import { newIdempotencyKey } from '../idempotency-key';
import { useCreditAction } from '../useCreditAction';
import type { UserTransaction } from './useUserTransactions';

/** The accounts page's checks (credit-action.ts), and no more than what is left of the spend. */
function refundProblems(values: CreditActionValues, refundable: string): CreditActionErrors {
  const errors = creditActionProblems('refund', values, '');
  if (!errors.amount && values.amount.trim() && parseCredits(values.amount.trim()) > parseCredits(refundable)) {
    errors.amount = `At most ${refundable} credits of this spend can still be refunded`;
  }
  return errors;
}

interface Props {
  userId: string;
  email: string;
  /** The spend picked from the user's list: its id is never typed in. */
  spend: UserTransaction;
  /** What is left to refund of it (the spend less earlier refunds), a `Credits` string. */
  refundable: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * Refunds (part of) one spend. The same validation, request and idempotency rules as the
 * accounts page's credit dialogs (credit-action.ts); the transaction comes from the row clicked.
 * Mount it per opening: the idempotency key lives as long as the dialog.
 */
export function RefundDialog({ userId, email, spend, refundable, onClose, onDone }: Props) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [values, setValues] = useState<CreditActionValues>({ ...EMPTY_CREDIT_ACTION, transactionId: spend.id });
  const { run } = useCreditAction();
  const flow = useFormThenConfirm({
    hasProblems: () => Object.keys(refundProblems(values, refundable)).length > 0,
    send: async () => {
      const moved = await run(toCreditActionRequest('refund', values, userId, idempotencyKey));
      onDone(completionMessage('refund', email, moved));
    },
    isFieldProblem: (problem) => {
      const field = creditActionFieldOf(problem);
      return field === 'amount' || field === 'reason';
    },
  });

  const { problem } = flow;
  const clientErrors = flow.submitted ? refundProblems(values, refundable) : {};
  const field = problem ? creditActionFieldOf(problem) : undefined;
  const serverField = field === 'amount' || field === 'reason' ? field : undefined;
  const serverMessage = problem ? describeProblem(problem, { ...creditActionWording('refund', email), NOT_FOUND: 'This spend no longer exists.' }) : undefined;
  const errors = serverField ? { ...clientErrors, [serverField]: clientErrors[serverField] ?? serverMessage } : clientErrors;
  const charged = spend.amount.replace(/^-/, '');
  const partly = refundable !== charged;
  const change = (next: Partial<CreditActionValues>) => {
    setValues((current) => ({ ...current, ...next }));
    flow.clearProblem();
  };

  return (
    <FormThenConfirmDialog
      flow={flow}
      title="Refund a spend"
      testIdPrefix="refund"
      onClose={onClose}
      subject={
        <>
          <strong>{spend.description}</strong> of <span title={`${charged} credits`}>{formatCredits(charged)}</span> credits
          {partly && <> ({formatCredits(refundable)} left to refund)</>}, to <strong>{email}</strong>
        </>
      }
      fields={
        <>
          <TextField
            name="amount"
            label="Amount (optional)"
            inputMode="decimal"
            autoComplete="off"
            placeholder={refundable}
            value={values.amount}
            onChange={(amount) => change({ amount })}
            error={errors.amount}
            hint={`Credits, up to 6 decimals. Empty refunds all that is left: ${refundable}.`}
          />
          <ReasonField value={values.reason} error={errors.reason} onChange={(reason) => change({ reason })} />
        </>
      }
      confirmation={() => (
        <>
          <p className="confirm-question" data-testid="refund-question">
            Refund {values.amount.trim() ? exactCredits(values.amount) : refundable} credits of “{spend.description}” to {email}?
          </p>
          <p className="muted">Reason: “{values.reason.trim()}”</p>
        </>
      )}
      problemMessage={serverMessage}
      problemOnField={serverField !== undefined}
      confirmLabel="Refund now"
    />
  );
}
