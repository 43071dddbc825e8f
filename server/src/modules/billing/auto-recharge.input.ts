import { MAX_USD_CENTS } from '@tollgate/shared';
import { BadUserInputError } from '../../platform/errors.js';
import { MAX_AMOUNT_MICRO } from '../ledger/index.js';

/** The largest monthly limit accepted: $100,000.00 (fits an int4 of cents many times over). */
export const MAX_MONTHLY_LIMIT_CENTS = MAX_USD_CENTS; // @tollgate/shared: the form caps at the same bound
const MAX_CODE_CHARS = 64;

export interface AutoRechargeSettingsInput {
  enabled: boolean;
  belowCredits: bigint;
  packageCode: string;
  monthlyLimitUsd: string;
}

export interface ParsedSettings {
  enabled: boolean;
  belowCredits: bigint;
  packageCode: string;
  monthlyLimitCents: number;
}

/**
 * A USD amount as a decimal string with at most 2 fraction digits, to integer cents: exact, no
 * float, no rounding ("25" → 2500, "25.5" → 2550, "25.555" refused).
 */
export function parseUsdCents(text: unknown, field: string): number {
  const match = typeof text === 'string' ? /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim()) : null;
  if (!match) throw new BadUserInputError(`${field} must be a USD amount such as "50" or "49.99" (at most 2 fraction digits)`, field);
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents <= 0 || cents > MAX_MONTHLY_LIMIT_CENTS) throw new BadUserInputError(`${field} must be more than 0 and at most 100000.00`, field);
  return cents;
}

/** Checks what needs no database: shapes and ranges. The package and the limit-vs-price check come after. */
export function parseSettings(input: AutoRechargeSettingsInput): ParsedSettings {
  if (typeof input.enabled !== 'boolean') throw new BadUserInputError('enabled must be true or false', 'enabled');
  const below = input.belowCredits;
  if (typeof below !== 'bigint' || below <= 0n) throw new BadUserInputError('belowCredits must be more than 0', 'belowCredits');
  if (below > MAX_AMOUNT_MICRO) throw new BadUserInputError('belowCredits is too large', 'belowCredits');
  const code = typeof input.packageCode === 'string' ? input.packageCode.trim() : '';
  if (!code || code.length > MAX_CODE_CHARS) throw new BadUserInputError(`packageCode must be 1 to ${MAX_CODE_CHARS} characters`, 'packageCode');
  return { enabled: input.enabled, belowCredits: below, packageCode: code, monthlyLimitCents: parseUsdCents(input.monthlyLimitUsd, 'monthlyLimitUsd') };
}
