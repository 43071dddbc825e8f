import { parseCredits } from '@tollgate/shared';
import { problemField, type ApiProblem } from '../../apollo/problem';
import { amountProblem, exactCredits, plainCredits } from '../../credits/money';
import type { PriceClass, TierInput } from '../../gql/graphql';
import { displayCount } from '../../models/format';
import { PRICE_CLASSES } from '../../models/price-class';
import { allowedModels, markup, monthlyPrice, overage, type ComparisonTier } from '../../tiers/tier-rows';

/** The tier editor's inputs, as typed. */
export interface TierFormValues {
  name: string;
  /** "9", "9.50": dollars and cents. */
  monthlyPriceUsd: string;
  monthlyCredits: string;
  monthlyTokenAllowance: string;
  monthlyRequestCap: string;
  maxTokensPerRequest: string;
  requestsPerMinute: string;
  allowedPriceClasses: PriceClass[];
  /** Model ids, one per line (commas work too). */
  allowedModels: string;
  byokAllowed: boolean;
  /** Basis points; empty for the price-class markup. */
  markupBps: string;
  /** Past the monthly token allowance: refuse (`block`) or charge from credits with the surcharge (`credits`). */
  overage: OveragePolicy;
  /** Basis points on top of the normal price for tokens past the allowance (`credits` only). */
  overageSurchargeBps: string;
}

export type OveragePolicy = 'block' | 'credits';
export const OVERAGE_POLICIES: readonly OveragePolicy[] = ['block', 'credits'];

export type TierField = keyof TierFormValues;
export type TierErrors = Partial<Record<TierField, string>>;

/** The server's bounds (CatalogAdminService.updateTier), tightened to GraphQL's 32-bit Int where that is smaller. */
const MAX_INT = 2_147_483_647;
export const TIER_LIMITS = {
  monthlyPriceCents: 10_000_000,
  monthlyTokenAllowance: { min: 0, max: MAX_INT },
  monthlyRequestCap: { min: 0, max: 2_000_000_000 },
  maxTokensPerRequest: { min: 1, max: 1_000_000 },
  requestsPerMinute: { min: 1, max: 100_000 },
  markupBps: { min: 0, max: 10_000 },
  overageSurchargeBps: { min: 0, max: 100_000 },
  nameLength: 100,
} as const;

export function tierFormValues(tier: ComparisonTier): TierFormValues {
  return {
    name: tier.name,
    monthlyPriceUsd: tier.monthlyPriceUsd,
    monthlyCredits: plainCredits(tier.monthlyCredits),
    monthlyTokenAllowance: String(tier.monthlyTokenAllowance),
    monthlyRequestCap: String(tier.monthlyRequestCap),
    maxTokensPerRequest: String(tier.maxTokensPerRequest),
    requestsPerMinute: String(tier.requestsPerMinute),
    allowedPriceClasses: PRICE_CLASSES.filter((c) => tier.allowedPriceClasses.includes(c)),
    allowedModels: tier.allowedModels.join('\n'),
    byokAllowed: tier.byokAllowed,
    markupBps: tier.markupBps === null ? '' : String(tier.markupBps),
    overage: tier.overage === 'credits' ? 'credits' : 'block',
    overageSurchargeBps: String(tier.overageSurchargeBps ?? 0),
  };
}

/** "9" → 900, "9.5" → 950, "9.99" → 999; undefined when it is not dollars and cents. Text arithmetic, no float. */
export function usdToCents(text: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function wholeNumber(text: string, { min, max }: { min: number; max: number }): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,13}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

function wholeProblem(text: string, range: { min: number; max: number }): string | undefined {
  if (text.trim() === '') return 'Enter a number';
  if (!/^\d+$/.test(text.trim())) return 'Digits only, e.g. 2048';
  return wholeNumber(text, range) === undefined ? `From ${displayCount(range.min)} to ${displayCount(range.max)}` : undefined;
}

/** The model ids in the box: split on lines and commas, trimmed, duplicates dropped, in order. */
export function modelList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** What is wrong with the form; `knownModels` are the catalog's ids (a typo would silently allow nothing). */
export function tierFormProblems(values: TierFormValues, knownModels: ReadonlySet<string>): TierErrors {
  const errors: TierErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the tier a name';
  else if (name.length > TIER_LIMITS.nameLength) errors.name = `At most ${TIER_LIMITS.nameLength} characters`;
  const cents = usdToCents(values.monthlyPriceUsd);
  if (cents === undefined) errors.monthlyPriceUsd = 'Dollars and cents, e.g. 9 or 9.99';
  else if (cents > TIER_LIMITS.monthlyPriceCents) errors.monthlyPriceUsd = 'At most $100,000.00';
  const credits = amountProblem(values.monthlyCredits, { allowZero: true });
  if (credits) errors.monthlyCredits = credits;
  for (const field of ['monthlyTokenAllowance', 'monthlyRequestCap', 'maxTokensPerRequest', 'requestsPerMinute'] as const) {
    const problem = wholeProblem(values[field], TIER_LIMITS[field]);
    if (problem) errors[field] = problem;
  }
  if (values.markupBps.trim() !== '') {
    const problem = wholeProblem(values.markupBps, TIER_LIMITS.markupBps);
    if (problem) errors.markupBps = problem;
  }
  const surcharge = wholeProblem(values.overageSurchargeBps, TIER_LIMITS.overageSurchargeBps);
  if (surcharge) errors.overageSurchargeBps = surcharge;
  const unknown = modelList(values.allowedModels).filter((id) => !knownModels.has(id));
  if (unknown.length > 0) errors.allowedModels = `Not in the catalog: ${unknown.join(', ')}`;
  else if (modelList(values.allowedModels).some((id) => id.length > 100)) errors.allowedModels = 'Model ids are at most 100 characters';
  return errors;
}

/** The form read back as a tier (valid values only), to compare and display with the tier's own helpers. */
function asTier(tier: ComparisonTier, values: TierFormValues): ComparisonTier {
  const cents = usdToCents(values.monthlyPriceUsd)!;
  return {
    ...tier,
    name: values.name.trim(),
    monthlyPriceUsd: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    monthlyCredits: exactCredits(values.monthlyCredits),
    monthlyTokenAllowance: Number(values.monthlyTokenAllowance.trim()),
    monthlyRequestCap: Number(values.monthlyRequestCap.trim()),
    maxTokensPerRequest: Number(values.maxTokensPerRequest.trim()),
    requestsPerMinute: Number(values.requestsPerMinute.trim()),
    allowedPriceClasses: PRICE_CLASSES.filter((c) => values.allowedPriceClasses.includes(c)),
    allowedModels: modelList(values.allowedModels),
    byokAllowed: values.byokAllowed,
    markupBps: values.markupBps.trim() === '' ? null : Number(values.markupBps.trim()),
    overage: values.overage,
    overageSurchargeBps: Number(values.overageSurchargeBps.trim()),
  };
}

export interface TierChange {
  field: keyof TierInput;
  label: string;
  from: string;
  to: string;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields the form changes, each with its old and new value in words. Call with valid values. */
export function tierChanges(tier: ComparisonTier, values: TierFormValues): TierChange[] {
  const next = asTier(tier, values);
  const changes: TierChange[] = [];
  const add = (field: keyof TierInput, label: string, changed: boolean, show: (t: ComparisonTier) => string) => {
    if (changed) changes.push({ field, label, from: show(tier), to: show(next) });
  };
  add('name', 'Name', next.name !== tier.name, (t) => t.name);
  add('monthlyPriceCents', 'Price', usdToCents(next.monthlyPriceUsd) !== usdToCents(tier.monthlyPriceUsd), monthlyPrice);
  add('monthlyCredits', 'Monthly credits', parseCredits(next.monthlyCredits) !== parseCredits(tier.monthlyCredits), (t) => plainCredits(t.monthlyCredits));
  add('monthlyTokenAllowance', 'Token allowance', next.monthlyTokenAllowance !== tier.monthlyTokenAllowance, (t) => displayCount(t.monthlyTokenAllowance));
  add('monthlyRequestCap', 'Request cap', next.monthlyRequestCap !== tier.monthlyRequestCap, (t) => displayCount(t.monthlyRequestCap));
  add('maxTokensPerRequest', 'Max tokens per request', next.maxTokensPerRequest !== tier.maxTokensPerRequest, (t) => displayCount(t.maxTokensPerRequest));
  add('requestsPerMinute', 'Requests per minute', next.requestsPerMinute !== tier.requestsPerMinute, (t) => displayCount(t.requestsPerMinute));
  const classesChanged = !sameList(
    next.allowedPriceClasses,
    PRICE_CLASSES.filter((c) => tier.allowedPriceClasses.includes(c)),
  );
  add('allowedPriceClasses', 'Price classes', classesChanged, (t) => allowedModels({ ...t, allowedModels: [] }));
  add('allowedModels', 'Models by name', !sameList(next.allowedModels, tier.allowedModels), (t) =>
    t.allowedModels.length ? t.allowedModels.join(', ') : 'none',
  );
  add('byokAllowed', 'Own provider keys', next.byokAllowed !== tier.byokAllowed, (t) => (t.byokAllowed ? 'allowed' : 'not allowed'));
  add('markupBps', 'Markup', next.markupBps !== tier.markupBps, markup);
  add('overage', 'Past the allowance', next.overage !== (tier.overage ?? 'block'), overage);
  add('overageSurchargeBps', 'Overage surcharge', next.overageSurchargeBps !== (tier.overageSurchargeBps ?? 0), (t) => `${t.overageSurchargeBps ?? 0} bp`);
  return changes;
}

/** The mutation input: only what changed, so an edit never rewrites a field someone else just set. */
export function toTierInput(tier: ComparisonTier, values: TierFormValues): TierInput {
  const next = asTier(tier, values);
  const input: TierInput = {};
  for (const { field } of tierChanges(tier, values)) {
    switch (field) {
      case 'monthlyPriceCents':
        input.monthlyPriceCents = usdToCents(next.monthlyPriceUsd)!;
        break;
      case 'name':
      case 'monthlyCredits':
      case 'allowedModels':
      case 'byokAllowed':
      case 'monthlyTokenAllowance':
      case 'monthlyRequestCap':
      case 'maxTokensPerRequest':
      case 'requestsPerMinute':
      case 'overage':
      case 'overageSurchargeBps':
        Object.assign(input, { [field]: next[field] });
        break;
      case 'allowedPriceClasses':
        input.allowedPriceClasses = [...next.allowedPriceClasses];
        break;
      case 'markupBps':
        // null clears the tier's own markup: its users pay the class markup again.
        input.markupBps = next.markupBps;
        break;
    }
  }
  return input;
}

/** The form field a server BAD_USER_INPUT names, if any. */
export function tierFieldOf(problem: ApiProblem): TierField | undefined {
  const field = problemField(problem, [
    'name',
    'monthlyPriceCents',
    'monthlyCredits',
    'monthlyTokenAllowance',
    'monthlyRequestCap',
    'maxTokensPerRequest',
    'requestsPerMinute',
    'allowedPriceClasses',
    'allowedModels',
    'markupBps',
    'overage',
    'overageSurchargeBps',
  ] as const);
  return field === 'monthlyPriceCents' ? 'monthlyPriceUsd' : field;
}
