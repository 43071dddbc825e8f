import { MAX_USD_CENTS } from '@tollgate/shared';
import { amountProblem, exactCredits, plainCredits } from '../../credits/money';
import { formatUsd } from '../../ui/format-money';

/** The form as typed: strings until saved; the API's own rules checked before sending. */
export interface AutoRechargeDraft {
  enabled: boolean;
  belowCredits: string;
  packageCode: string;
  monthlyLimitUsd: string;
}

export interface PackageChoice {
  code: string;
  priceUsd: string;
}

export type DraftProblems = Partial<Record<'belowCredits' | 'packageCode' | 'monthlyLimitUsd', string>>;

/** The largest monthly limit the API takes, in cents ($100,000.00): the server's own bound, from @tollgate/shared. */
export const MAX_LIMIT_CENTS = MAX_USD_CENTS;

/**
 * A USD amount as the API takes it (digits, at most 2 decimals) in integer cents; null when it is
 * not one. "25" → 2500, "25.5" → 2550, "25.555" → null. No float touches the amount.
 */
export function usdCents(input: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Why each field would be refused (the server checks the same and more), or an empty object. */
export function draftProblems(draft: AutoRechargeDraft, packages: readonly PackageChoice[]): DraftProblems {
  const problems: DraftProblems = {};
  const below = amountProblem(draft.belowCredits);
  if (below) problems.belowCredits = below;
  const pkg = packages.find((p) => p.code === draft.packageCode);
  if (!pkg) problems.packageCode = 'Choose a package';
  const cents = usdCents(draft.monthlyLimitUsd);
  if (cents === null) problems.monthlyLimitUsd = 'Enter a dollar amount such as 50 or 49.99';
  else if (cents <= 0 || cents > MAX_LIMIT_CENTS) problems.monthlyLimitUsd = `Enter more than $0 and at most ${formatUsd(String(MAX_LIMIT_CENTS / 100))}`;
  else if (pkg && cents < (usdCents(pkg.priceUsd) ?? 0)) problems.monthlyLimitUsd = `At least the package price (${formatUsd(pkg.priceUsd)})`;
  return problems;
}

/** The mutation's input from a draft without problems. */
export function toInput(draft: AutoRechargeDraft) {
  const cents = usdCents(draft.monthlyLimitUsd)!;
  return {
    enabled: draft.enabled,
    belowCredits: exactCredits(draft.belowCredits),
    packageCode: draft.packageCode,
    monthlyLimitUsd: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
  };
}

/** The form's starting values: the saved settings, or off with a suggestion. */
export function draftFrom(
  saved: { enabled: boolean; belowCredits: string; packageCode: string; monthlyLimitUsd: string } | null,
  packages: readonly PackageChoice[],
): AutoRechargeDraft {
  if (saved)
    return { enabled: saved.enabled, belowCredits: plainCredits(saved.belowCredits), packageCode: saved.packageCode, monthlyLimitUsd: saved.monthlyLimitUsd };
  const first = packages[0];
  return { enabled: false, belowCredits: '100', packageCode: first?.code ?? '', monthlyLimitUsd: first ? first.priceUsd : '' };
}
