import { emailProblem, MAX_GIFT_MICRO as SHARED_MAX_GIFT_MICRO, normalizeEmail } from '@tollgate/shared';
import { BadUserInputError } from '../../platform/errors.js';

/** The largest single gift: 100,000 credits ($1,000 at the default rate), far below the ledger's own cap. */
export const MAX_GIFT_MICRO = SHARED_MAX_GIFT_MICRO; // @tollgate/shared: the gift form caps at the same bound
export const MAX_MESSAGE = 500;
export const MAX_KEY = 200;

export interface SendGiftCommand {
  recipientEmail: string;
  credits: bigint;
  message: string | null;
  idempotencyKey: string;
}

/** Checks and normalises a gift before anything is read or written: a bad field is BAD_USER_INPUT naming it. */
export function validGift(
  input: { recipientEmail?: unknown; credits?: unknown; message?: unknown; idempotencyKey?: unknown },
  senderEmail: string,
): SendGiftCommand {
  const credits = input.credits;
  if (typeof credits !== 'bigint' || credits <= 0n) throw new BadUserInputError('credits must be more than 0', 'credits');
  if (credits > MAX_GIFT_MICRO) throw new BadUserInputError('A gift may be at most 100000 credits', 'credits');
  const recipientEmail = normalizeEmail(typeof input.recipientEmail === 'string' ? input.recipientEmail : '');
  const problem = emailProblem(recipientEmail);
  if (problem) throw new BadUserInputError(problem, 'recipientEmail');
  if (recipientEmail === normalizeEmail(senderEmail)) throw new BadUserInputError('You cannot send a gift to yourself', 'recipientEmail');
  const rawMessage = typeof input.message === 'string' ? input.message.trim() : '';
  if ([...rawMessage].length > MAX_MESSAGE) throw new BadUserInputError(`message must be at most ${MAX_MESSAGE} characters`, 'message');
  const key = input.idempotencyKey;
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_KEY)
    throw new BadUserInputError(`idempotencyKey must be 1 to ${MAX_KEY} characters`, 'idempotencyKey');
  return { recipientEmail, credits, message: rawMessage === '' ? null : rawMessage, idempotencyKey: key };
}
