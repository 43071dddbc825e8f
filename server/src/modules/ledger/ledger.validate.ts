import { formatCredits } from '@tollgate/shared';
import { BadUserInputError } from '../../platform/errors.js';
import { MAX_AMOUNT_MICRO } from './ledger.domain.js';

export function positiveAmount(amount: bigint, field = 'amount'): bigint {
  if (typeof amount !== 'bigint' || amount <= 0n) throw new BadUserInputError('Amount must be greater than zero', field);
  if (amount > MAX_AMOUNT_MICRO) {
    throw new BadUserInputError(`Amount must be at most ${formatCredits(MAX_AMOUNT_MICRO)} credits in one request`, field);
  }
  return amount;
}

export function idempotencyKey(key: string): string {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new BadUserInputError('idempotencyKey must be 1 to 200 characters', 'idempotencyKey');
  }
  return trimmed;
}

export function text(value: string | null | undefined, field: string, { required = false, max = 500 } = {}): string | null {
  const trimmed = (value ?? '').trim();
  if (required && trimmed.length === 0) throw new BadUserInputError(`${field} is required`, field);
  if (trimmed.length > max) throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return trimmed.length === 0 ? null : trimmed;
}
