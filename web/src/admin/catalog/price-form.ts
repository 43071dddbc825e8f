import { nanoToUsdPerMillion, usdPerMillionToNano } from '@tollgate/shared';
import { problemField, type ApiProblem } from '../../apollo/problem';
import type { ModelPriceInput } from '../../gql/graphql';
import { displayUsd } from '../../models/format';
import { formatDateTime } from '../../ui/format-date';

/** The price dialog's inputs, as typed. Prices are USD per 1M tokens. */
export interface PriceFormValues {
  input: string;
  output: string;
  /** Empty: the provider gives no discount for cached prompt tokens. */
  cachedInput: string;
  timing: 'now' | 'later';
  /** `<input type="datetime-local">`: "2026-12-01T09:00", the admin's local time. */
  effectiveAt: string;
}

export type PriceField = 'input' | 'output' | 'cachedInput' | 'effectiveAt';
export type PriceErrors = Partial<Record<PriceField, string>>;

export interface CurrentPrice {
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedInputUsdPerMTok: string | null;
}

export function priceFormValues(price: CurrentPrice): PriceFormValues {
  return { input: price.inputUsdPerMTok, output: price.outputUsdPerMTok, cachedInput: price.cachedInputUsdPerMTok ?? '', timing: 'now', effectiveAt: '' };
}

/**
 * Why `text` is not a price the server takes (`usdPerMillionToNano`: digits, at most 3 decimals,
 * no sign), or undefined when it is.
 */
export function usdProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter a price in USD per 1M tokens, e.g. 2.5';
  try {
    usdPerMillionToNano(trimmed);
    return undefined;
  } catch {
    if (/^[+-]/.test(trimmed)) return 'Enter the price without a sign';
    if (/^\$/.test(trimmed)) return 'Enter the number without the $ sign';
    if (/^\d*\.\d{4,}$/.test(trimmed)) return 'At most 3 decimals: $0.001 per 1M tokens is the smallest step';
    return 'Enter a number such as 2.5 or 0.075';
  }
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A datetime-local value as the moment it means in the browser's time zone; null when it is not one. */
export function localDateTime(value: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || date.getHours() !== hour) return null;
  return date;
}

/** `date` as a datetime-local value ("2026-12-01T09:00"), for the input's `min`. */
export function toLocalDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const nano = (usd: string) => usdPerMillionToNano(usd.trim());

export function priceFormProblems(values: PriceFormValues, current: CurrentPrice, now: Date): PriceErrors {
  const errors: PriceErrors = {};
  const input = usdProblem(values.input);
  const output = usdProblem(values.output);
  if (input) errors.input = input;
  if (output) errors.output = output;
  if (values.cachedInput.trim() !== '') {
    const cached = usdProblem(values.cachedInput);
    if (cached) errors.cachedInput = cached;
    else if (!input && nano(values.cachedInput) > nano(values.input)) errors.cachedInput = 'The cached-input price cannot exceed the input price';
  }
  if (values.timing === 'later') {
    const at = localDateTime(values.effectiveAt);
    if (!at) errors.effectiveAt = 'Pick the date and time the new price takes effect';
    // Prices in force are history once charged: a version can only start from now on.
    else if (at.getTime() <= now.getTime()) errors.effectiveAt = 'Pick a moment in the future, or choose "Now"';
  }
  if (Object.keys(errors).length === 0 && priceChanges(current, values).length === 0) {
    errors.input = 'This is the current price: change at least one figure';
  }
  return errors;
}

/** The mutation input: prices in their shortest exact form ("2.50" → "2.5"), the start as an ISO instant. */
export function toPriceInput(modelId: string, values: PriceFormValues): ModelPriceInput {
  const exact = (usd: string) => nanoToUsdPerMillion(nano(usd));
  const input: ModelPriceInput = {
    modelId,
    inputUsdPerMTok: exact(values.input),
    outputUsdPerMTok: exact(values.output),
    cachedInputUsdPerMTok: values.cachedInput.trim() === '' ? null : exact(values.cachedInput),
  };
  if (values.timing === 'later') input.effectiveFrom = localDateTime(values.effectiveAt)!.toISOString();
  return input;
}

export interface PriceChange {
  label: string;
  from: string;
  to: string;
}

/** What the new version changes, for the confirmation: only the figures that differ. */
export function priceChanges(current: CurrentPrice, values: PriceFormValues): PriceChange[] {
  const same = (a: string | null, b: string) =>
    a === null || a === '' ? b.trim() === '' : b.trim() !== '' && usdProblem(b) === undefined && nano(a) === nano(b);
  const show = (usd: string | null) => (usd === null || usd.trim() === '' ? 'no discount' : displayUsd(nanoToUsdPerMillion(nano(usd))));
  const changes: PriceChange[] = [];
  if (!same(current.inputUsdPerMTok, values.input)) changes.push({ label: 'Input', from: show(current.inputUsdPerMTok), to: show(values.input) });
  if (!same(current.outputUsdPerMTok, values.output)) changes.push({ label: 'Output', from: show(current.outputUsdPerMTok), to: show(values.output) });
  if (!same(current.cachedInputUsdPerMTok, values.cachedInput)) {
    changes.push({ label: 'Cached input', from: show(current.cachedInputUsdPerMTok), to: show(values.cachedInput) });
  }
  return changes;
}

/** When the version starts, in words. */
export function effectiveWhen(values: PriceFormValues): string {
  if (values.timing === 'now') return 'now';
  const at = localDateTime(values.effectiveAt);
  return at ? `from ${formatDateTime(at.toISOString())}` : 'later';
}

/** The form field a server BAD_USER_INPUT names, if the dialog has it. */
export function priceFieldOf(problem: ApiProblem): PriceField | undefined {
  const field = problemField(problem, ['inputUsdPerMTok', 'outputUsdPerMTok', 'cachedInputUsdPerMTok', 'effectiveFrom'] as const);
  const map = { inputUsdPerMTok: 'input', outputUsdPerMTok: 'output', cachedInputUsdPerMTok: 'cachedInput', effectiveFrom: 'effectiveAt' } as const;
  return field ? map[field] : undefined;
}
