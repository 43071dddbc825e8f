import { creditCapProblem, isSpendPeriod, MAX_CREDIT_AMOUNT_MICRO, type SpendPeriod } from '@tollgate/shared';
import { naming } from '../../platform/echo.js';
import { BadUserInputError } from '../../platform/errors.js';
import type { SpendCap } from './principal.js';

/**
 * A key's limits as given (createApiKey, setApiKeyLimits) and as stored, and the checks between
 * them (docs/decisions/0060-key-limits-api.md). Member caps use the same cap check.
 */
export interface LimitsCommand {
  cap?: { limit: bigint; period: string } | null;
  expiresAt?: Date | null;
  allowedModels?: string[] | null;
}

export interface StoredLimits {
  capMicro: bigint | null;
  capPeriod: SpendPeriod | null;
  expiresAt: Date | null;
  allowedModels: string[] | null;
}

/** A model allow-list names at most this many models (more is a list of everything, which null already says). */
export const MAX_ALLOWED_MODELS = 50;
/** An expiry further out than this is a typo, not a plan (and years past 9999 do not fit a timestamp's text). */
const MAX_EXPIRY_MS = 10 * 366 * 24 * 3600 * 1000;

/** A cap from GraphQL: 0 to MAX_CREDIT_AMOUNT_MICRO per day, week or month; null clears. */
export function validCap(raw: LimitsCommand['cap'], field = 'cap'): SpendCap | null {
  if (raw == null) return null;
  if (typeof raw.limit !== 'bigint' || raw.limit < 0n) throw new BadUserInputError('A cap is a credit amount of 0 or more', `${field}.limit`);
  const tooBig = creditCapProblem(raw.limit, MAX_CREDIT_AMOUNT_MICRO);
  if (tooBig) throw new BadUserInputError(`A cap is ${tooBig.toLowerCase()}`, `${field}.limit`);
  if (!isSpendPeriod(raw.period)) throw new BadUserInputError('A cap period is DAY, WEEK or MONTH', `${field}.period`);
  return { amountMicro: raw.limit, period: raw.period };
}

function validExpiry(raw: Date | null | undefined, now: Date): Date | null {
  if (raw == null) return null;
  if (!(raw instanceof Date) || Number.isNaN(raw.getTime())) throw new BadUserInputError('expiresAt is not a date', 'expiresAt');
  if (raw.getTime() <= now.getTime()) throw new BadUserInputError('expiresAt must be in the future', 'expiresAt');
  if (raw.getTime() - now.getTime() > MAX_EXPIRY_MS) throw new BadUserInputError('expiresAt must be within 10 years', 'expiresAt');
  return raw;
}

function validModels(raw: string[] | null | undefined, known: (id: string) => boolean): string[] | null {
  if (raw == null) return null;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new BadUserInputError('Name at least one model, or leave allowedModels out to allow every model', 'allowedModels');
  }
  if (raw.length > MAX_ALLOWED_MODELS) throw new BadUserInputError(`At most ${MAX_ALLOWED_MODELS} models may be listed`, 'allowedModels');
  const models = [...new Set(raw.map((m) => (typeof m === 'string' ? m.trim() : '')))];
  const unknown = models.find((m) => !known(m));
  if (unknown !== undefined) throw new BadUserInputError(`Unknown ${naming('model', unknown)}`, 'allowedModels');
  return models;
}

/** Every limit checked, or BAD_USER_INPUT naming the first wrong one (nothing is written before this passes). */
export function validLimits(command: LimitsCommand, knownModel: (id: string) => boolean, now = new Date()): StoredLimits {
  const cap = validCap(command.cap);
  return {
    capMicro: cap?.amountMicro ?? null,
    capPeriod: cap?.period ?? null,
    expiresAt: validExpiry(command.expiresAt, now),
    allowedModels: validModels(command.allowedModels, knownModel),
  };
}
