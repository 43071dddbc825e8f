import { emailProblem, MAX_GIFT_MICRO, normalizeEmail } from '@tollgate/shared';
import { amountProblem, exactCredits } from '../credits/money';

export const GIFT_MESSAGE_MAX = 500;

export interface GiftFormValues {
  recipientEmail: string;
  credits: string;
  message: string;
}

export type GiftField = keyof GiftFormValues;
export const EMPTY_GIFT: GiftFormValues = { recipientEmail: '', credits: '', message: '' };

/** Per field, why the gift cannot be sent as typed (the server checks again, and the balance). */
export function giftProblems(values: GiftFormValues, ownEmail?: string): Partial<Record<GiftField, string>> {
  const problems: Partial<Record<GiftField, string>> = {};
  const email = emailProblem(values.recipientEmail);
  if (email) problems.recipientEmail = email;
  else if (ownEmail && normalizeEmail(values.recipientEmail) === normalizeEmail(ownEmail)) problems.recipientEmail = 'You cannot send a gift to yourself';
  // The server's gift cap (100,000 credits), below the ledger's per-request one.
  const amount = amountProblem(values.credits, { max: MAX_GIFT_MICRO });
  if (amount) problems.credits = amount;
  if (values.message.trim().length > GIFT_MESSAGE_MAX) problems.message = `At most ${GIFT_MESSAGE_MAX} characters`;
  return problems;
}

/** The SendGiftInput for valid values; the idempotency key is one per gift the user means to send. */
export function toSendGiftInput(values: GiftFormValues, idempotencyKey: string) {
  const message = values.message.trim();
  return {
    recipientEmail: normalizeEmail(values.recipientEmail),
    credits: exactCredits(values.credits),
    ...(message ? { message } : {}),
    idempotencyKey,
  };
}
