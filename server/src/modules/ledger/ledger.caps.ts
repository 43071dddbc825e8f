import { formatCredits, isSpendPeriod, periodReset, type SpendPeriod } from '@tollgate/shared';
import { TierLimitExceededError } from '../../platform/errors.js';
import type { Row, Sql } from '../../platform/sql.js';
import type { LockedAccount } from './ledger.account.js';
import type { NewHold } from './ledger.hold.js';

/** Which cap refused a hold, and where it stood (docs/decisions/0056-spend-caps.md). */
export interface CapRefusal {
  scope: 'key' | 'member';
  capMicro: bigint;
  period: SpendPeriod;
  spentMicro: bigint;
  periodStart: Date;
  /** What the refused call would have held (its worst case). */
  askedMicro?: bigint;
}

/** Credits for a message: exact, at least two decimals, no trailing zeros past them (10.00, 0.125). */
const creditsText = (micro: bigint) => formatCredits(micro).replace(/(\.\d\d\d*?)0+$/, '$1');

/** An ISO instant without milliseconds: `2026-12-06T00:00:00Z`. */
const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A spend cap would be passed: TIER_LIMIT_EXCEEDED (the contract's code for a limit the caller's
 * plan sets), naming the cap and when it resets, with the numbers in `extensions`. A retry before
 * the reset cannot succeed unless spend is refunded or the cap raised.
 */
export class SpendCapExceededError extends TierLimitExceededError {
  constructor(readonly refusal: CapRefusal) {
    const resetsAt = isoSeconds(periodReset(refusal.period, refusal.periodStart));
    const whose = refusal.scope === 'key' ? "this API key's spend cap" : 'your spend cap on this team';
    const cap = `${whose} of ${creditsText(refusal.capMicro)} credits per ${refusal.period}`;
    const left = refusal.capMicro - refusal.spentMicro;
    // Room left, but less than this call's worst case: say so ("reached" misleads a caller who has spent little).
    const message =
      left > 0n && refusal.askedMicro !== undefined
        ? `This call may cost up to ${creditsText(refusal.askedMicro)} credits, more than the ${creditsText(left)} left of ${cap}; ` +
          `lower max_tokens, or wait until it resets at ${resetsAt}`
        : `${cap[0]!.toUpperCase()}${cap.slice(1)} is reached; it resets at ${resetsAt}`;
    super(message, {
      limit: 'spend_cap',
      capScope: refusal.scope,
      capMicro: refusal.capMicro.toString(),
      period: refusal.period,
      spentMicro: refusal.spentMicro.toString(),
      resetsAt,
      ...(refusal.askedMicro !== undefined ? { askedMicro: refusal.askedMicro.toString() } : {}),
    });
  }
}

/** The refusal in a row of `ledger_cap_refusal` (r_*) or `ledger_hold_capped` (cap_*). */
export function refusalOf(row: Row, prefix: 'r_' | 'cap_'): CapRefusal {
  const scope = row[prefix === 'r_' ? 'r_scope' : 'cap_scope'];
  const period = row[prefix === 'r_' ? 'r_period' : 'cap_period'];
  return {
    scope: scope === 'member' ? 'member' : 'key',
    capMicro: BigInt(row[prefix === 'r_' ? 'r_cap' : 'cap_micro']),
    period: isSpendPeriod(period) ? period : 'month',
    spentMicro: BigInt(row[prefix === 'r_' ? 'r_spent' : 'cap_spent']),
    periodStart: new Date(row[prefix === 'r_' ? 'r_start' : 'cap_start']),
  };
}

/**
 * The general path's cap check, inside its transaction, with the account locked and what was due
 * expired: the same function the capped statement calls (migration 31), so both paths agree.
 */
export async function checkCaps(tx: Sql, account: LockedAccount, h: NewHold): Promise<void> {
  const [row] = await tx.query(`select * from ledger_cap_refusal($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::bigint, $6::timestamptz)`, [
    account.id,
    account.userId,
    h.memberId,
    h.apiKeyId,
    h.amount,
    h.now,
  ]);
  if (row) throw new SpendCapExceededError({ ...refusalOf(row, 'r_'), askedMicro: h.amount });
}
