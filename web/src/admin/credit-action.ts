import { problemField, type ApiProblem } from '../apollo/problem';
import type { ProblemWording } from '../apollo/describe-problem';
import { amountProblem, exactCredits } from '../credits/money';
import type { AdminCreditInput, AdminRefundInput } from '../gql/graphql';
import { formatExactCredits } from '../ui/format-money';
import { endOfLocalDay, startOfLocalDay } from '../ui/local-date';

/** The admin's three ways to move a user's credit, one dialog each. */
export type CreditActionKind = 'grant' | 'deduct' | 'refund';

export interface CreditActionValues {
  amount: string;
  reason: string;
  /** Grants only: "YYYY-MM-DD", the last local day the credit can be spent; empty for never. */
  expiresOn: string;
  /** Refunds only: the spend to refund. */
  transactionId: string;
}

export type CreditActionField = keyof CreditActionValues;
export type CreditActionErrors = Partial<Record<CreditActionField, string>>;

export const EMPTY_CREDIT_ACTION: CreditActionValues = { amount: '', reason: '', expiresOn: '', transactionId: '' };
export const REASON_MAX_LENGTH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with the form before anything is sent; `today` is the local "YYYY-MM-DD". */
export function creditActionProblems(kind: CreditActionKind, values: CreditActionValues, today: string): CreditActionErrors {
  const errors: CreditActionErrors = {};
  // A refund without an amount refunds whatever of the spend is still refundable.
  if (kind !== 'refund' || values.amount.trim() !== '') {
    const amount = amountProblem(values.amount);
    if (amount) errors.amount = amount;
  }
  const reason = values.reason.trim();
  if (reason === '') errors.reason = 'Give a reason: the user sees it in their history';
  else if (reason.length > REASON_MAX_LENGTH) errors.reason = `Keep the reason under ${REASON_MAX_LENGTH} characters`;
  if (kind === 'grant' && values.expiresOn !== '') {
    if (!startOfLocalDay(values.expiresOn)) errors.expiresOn = 'Enter a date, or leave it empty for credit that never expires';
    else if (values.expiresOn < today) errors.expiresOn = 'That day has passed';
  }
  if (kind === 'refund') {
    const id = values.transactionId.trim();
    if (id === '') errors.transactionId = 'Enter the id of the spend to refund';
    else if (!UUID.test(id)) errors.transactionId = 'Not a transaction id: they look like 3f2b9c1e-5d7a-4c1b-9e0f-1a2b3c4d5e6f';
  }
  return errors;
}

export type CreditActionRequest = { kind: 'grant' | 'deduct'; input: AdminCreditInput } | { kind: 'refund'; input: AdminRefundInput };

/**
 * The mutation input for valid `values`. Deterministic, so a retry under the same idempotency key
 * is the same request and the server replays its first answer instead of moving credit twice.
 */
export function toCreditActionRequest(kind: CreditActionKind, values: CreditActionValues, userId: string, idempotencyKey: string): CreditActionRequest {
  const reason = values.reason.trim();
  if (kind === 'refund') {
    const amount = values.amount.trim();
    return {
      kind,
      input: { userId, transactionId: values.transactionId.trim(), reason, idempotencyKey, ...(amount ? { amount: exactCredits(amount) } : {}) },
    };
  }
  const input: AdminCreditInput = { userId, amount: exactCredits(values.amount), reason, idempotencyKey };
  // The credit can be spent through the whole chosen day, wherever the admin is.
  if (kind === 'grant' && values.expiresOn) input.expiresAt = endOfLocalDay(values.expiresOn)!.toISOString();
  return { kind, input };
}

/** The question the admin confirms, with the exact amount that will move, written for people ("1,234.50"). */
export function confirmationQuestion(kind: CreditActionKind, values: CreditActionValues, email: string): string {
  const amount = values.amount.trim() ? formatExactCredits(exactCredits(values.amount)) : null;
  switch (kind) {
    case 'grant':
      return values.expiresOn ? `Grant ${amount} credits to ${email}, expiring at the end of ${values.expiresOn}?` : `Grant ${amount} credits to ${email}?`;
    case 'deduct':
      return `Deduct ${amount} credits from ${email}?`;
    case 'refund': {
      const what = amount ? `${amount} credits` : 'everything still refundable';
      return `Refund ${what} of transaction ${values.transactionId.trim()} to ${email}?`;
    }
  }
}

export function completionMessage(kind: CreditActionKind, email: string, moved: { amount: string; balanceAfter: string }): string {
  const amount = formatExactCredits(moved.amount.replace(/^-/, ''));
  const verb = { grant: `Granted ${amount} credits to`, deduct: `Deducted ${amount} credits from`, refund: `Refunded ${amount} credits to` }[kind];
  return `${verb} ${email}. Their balance is now ${formatExactCredits(moved.balanceAfter)}.`;
}

/** The form field a server BAD_USER_INPUT is about, if the form has it. */
export function creditActionFieldOf(problem: ApiProblem): CreditActionField | undefined {
  const field = problemField(problem, ['amount', 'reason', 'expiresAt', 'transactionId'] as const);
  if (field === 'expiresAt') return 'expiresOn';
  return field;
}

export function creditActionWording(kind: CreditActionKind, email: string): ProblemWording {
  return {
    INSUFFICIENT_CREDITS: `${email} does not have that much available credit.`,
    IDEMPOTENCY_CONFLICT: 'This dialog already sent a different request. Close it and start again.',
    NOT_FOUND: kind === 'refund' ? `${email} has no transaction with that id.` : 'This account no longer exists.',
  };
}
