import { amountProblem, exactCredits } from '../credits/money';
import type { SpendPeriod } from '../gql/graphql';
import { endOfLocalDay, localDay, startOfLocalDay } from '../ui/local-date';

/**
 * A key's limits as the create form and the edit dialog hold them: a spend cap (credits per UTC
 * day, week or month), an expiry day, and a model allow-list. Empty means "no limit" for each.
 */
export interface KeyLimitsValues {
  /** Credits per period, as typed ("10", "2.5"); '' for no cap. */
  capAmount: string;
  capPeriod: SpendPeriod;
  /** "YYYY-MM-DD", a local day: the key works through it. '' for never. */
  expiresOn: string;
  /** Off: every model the account may use. On: only `models`. */
  restrictModels: boolean;
  models: readonly string[];
}

export type KeyLimitsErrors = Partial<Record<'capAmount' | 'expiresOn' | 'models', string>>;

export interface KeyLimitsInput {
  cap: { limit: string; period: SpendPeriod } | null;
  expiresAt: string | null;
  allowedModels: string[] | null;
}

export const NO_LIMITS: KeyLimitsValues = { capAmount: '', capPeriod: 'DAY', expiresOn: '', restrictModels: false, models: [] };

export const SPEND_PERIOD_OPTIONS: readonly { value: SpendPeriod; label: string }[] = [
  { value: 'DAY', label: 'per day' },
  { value: 'WEEK', label: 'per week' },
  { value: 'MONTH', label: 'per month' },
];

/** "per day", as a refusal or a cap's summary says it. */
export function periodLabel(period: SpendPeriod): string {
  return SPEND_PERIOD_OPTIONS.find((option) => option.value === period)?.label ?? period.toLowerCase();
}

/** What is wrong with the limits as typed; `today` is the local day the form is filled on. */
export function keyLimitsProblems(values: KeyLimitsValues, today: string): KeyLimitsErrors {
  const errors: KeyLimitsErrors = {};
  if (values.capAmount.trim() !== '') {
    const problem = amountProblem(values.capAmount);
    if (problem) errors.capAmount = problem;
  }
  if (values.expiresOn !== '') {
    if (!startOfLocalDay(values.expiresOn)) errors.expiresOn = 'Choose a date';
    // A key that expires in the past would be dead on arrival: the server refuses it as well.
    else if (values.expiresOn < today) errors.expiresOn = 'Choose today or a later day';
  }
  if (values.restrictModels && values.models.length === 0) errors.models = 'Choose at least one model, or allow every model';
  return errors;
}

/**
 * The API's form (createApiKey's and setApiKeyLimits' fields): null clears a limit. The key
 * expires at the end of the chosen local day, so "expires 31 March" works all of 31 March.
 */
export function toKeyLimitsInput(values: KeyLimitsValues): KeyLimitsInput {
  const amount = values.capAmount.trim();
  const expiresAt = values.expiresOn ? endOfLocalDay(values.expiresOn) : null;
  return {
    cap: amount === '' ? null : { limit: exactCredits(amount), period: values.capPeriod },
    expiresAt: expiresAt ? expiresAt.toISOString() : null,
    allowedModels: values.restrictModels ? [...values.models].sort() : null,
  };
}

/** A key's current limits as the edit dialog starts from them. */
export function keyLimitsValues(key: {
  cap: { limit: string; period: SpendPeriod } | null;
  expiresAt: string | null;
  allowedModels: readonly string[] | null;
}): KeyLimitsValues {
  return {
    capAmount: key.cap ? typedAmount(key.cap.limit) : '',
    capPeriod: key.cap?.period ?? 'DAY',
    // The stored instant is the end of a local day: the day before it is the last one that works.
    expiresOn: key.expiresAt ? localDay(new Date(new Date(key.expiresAt).getTime() - 1)) : '',
    restrictModels: key.allowedModels !== null,
    models: key.allowedModels ?? [],
  };
}

export function toggleModel(models: readonly string[], model: string, on: boolean): string[] {
  const rest = models.filter((m) => m !== model);
  return on ? [...rest, model] : rest;
}

/** "10.500000" → "10.5": the exact amount without its padding, as someone would type it. */
function typedAmount(limit: string): string {
  return limit.includes('.') ? limit.replace(/0+$/, '').replace(/\.$/, '') : limit;
}
