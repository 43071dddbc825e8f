import { amountProblem, exactCredits, plainCredits } from '../../credits/money';
import type { PromotionSettingsInput } from '../../gql/graphql';

/** The settings form as typed: bonuses as credit text, the rules as checkboxes. */
export interface PromotionSettingsValues {
  giftPaidCreditsOnly: boolean;
  referrerBonusCredits: string;
  referredBonusCredits: string;
  referralBlockSameDomain: boolean;
}

export interface PromotionSettingsShape {
  giftPaidCreditsOnly: boolean;
  referrerBonusCredits: string;
  referredBonusCredits: string;
  referralBlockSameDomain: boolean;
}

export type PromotionSettingsErrors = Partial<Record<'referrerBonusCredits' | 'referredBonusCredits', string>>;

export function settingsValues(s: PromotionSettingsShape): PromotionSettingsValues {
  return { ...s, referrerBonusCredits: plainCredits(s.referrerBonusCredits), referredBonusCredits: plainCredits(s.referredBonusCredits) };
}

/** The API's own amount rules (at most 6 decimals, no sign); 0 turns a side's bonus off. */
export function settingsProblems(v: PromotionSettingsValues): PromotionSettingsErrors {
  const errors: PromotionSettingsErrors = {};
  for (const field of ['referrerBonusCredits', 'referredBonusCredits'] as const) {
    const problem = amountProblem(v[field], { allowZero: true });
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** Only what changed, so saving never rewrites a setting another admin just changed. Call with valid values. */
export function settingsInput(saved: PromotionSettingsShape, v: PromotionSettingsValues): PromotionSettingsInput {
  const input: PromotionSettingsInput = {};
  if (v.giftPaidCreditsOnly !== saved.giftPaidCreditsOnly) input.giftPaidCreditsOnly = v.giftPaidCreditsOnly;
  if (v.referralBlockSameDomain !== saved.referralBlockSameDomain) input.referralBlockSameDomain = v.referralBlockSameDomain;
  for (const field of ['referrerBonusCredits', 'referredBonusCredits'] as const) {
    const next = exactCredits(v[field]);
    if (next !== exactCredits(saved[field])) input[field] = next;
  }
  return input;
}
