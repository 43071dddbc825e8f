import { parseCredits, usdPerMillionToNano } from '@tollgate/shared';
import type { PriceClass } from '../gql/graphql';
import { PRICE_CLASSES } from './price-class';

/** The columns the models table sorts by. */
export const MODEL_SORT_KEYS = ['name', 'provider', 'class', 'input', 'output', 'list', 'context', 'allowed'] as const;
export type ModelSortKey = (typeof MODEL_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface ModelSort {
  key: ModelSortKey;
  direction: SortDirection;
}

/** What the table shows and sorts by: the API's exact strings, compared as the numbers they are. */
export interface SortableModel {
  id: string;
  displayName: string;
  provider: string;
  priceClass: PriceClass;
  inputCreditsPerMTok: string;
  outputCreditsPerMTok: string;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  contextWindow: number;
  allowed: boolean;
  /** Model.availability (decision 0046); absent in older tests: runnable when allowed. */
  availability?: { runnable: boolean } | null;
}

export interface ModelView {
  sort: ModelSort;
  onlyAllowed: boolean;
}

export const DEFAULT_MODEL_SORT: ModelSort = { key: 'name', direction: 'asc' };

/** The direction a column starts in: cheapest and alphabetical first, largest context and allowed first. */
const FIRST_DIRECTION: Record<ModelSortKey, SortDirection> = {
  name: 'asc',
  provider: 'asc',
  class: 'asc',
  input: 'asc',
  output: 'asc',
  list: 'asc',
  context: 'desc',
  allowed: 'desc',
};

const byBigint = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

const COMPARE: Record<ModelSortKey, (a: SortableModel, b: SortableModel) => number> = {
  name: (a, b) => byText(a.displayName, b.displayName),
  provider: (a, b) => byText(a.provider, b.provider),
  class: (a, b) => PRICE_CLASSES.indexOf(a.priceClass) - PRICE_CLASSES.indexOf(b.priceClass),
  input: (a, b) => byBigint(parseCredits(a.inputCreditsPerMTok), parseCredits(b.inputCreditsPerMTok)),
  output: (a, b) => byBigint(parseCredits(a.outputCreditsPerMTok), parseCredits(b.outputCreditsPerMTok)),
  // The list price by its output half (what dominates bills, and what the class is cut on), then input.
  list: (a, b) =>
    byBigint(usdPerMillionToNano(a.outputUsdPerMTok), usdPerMillionToNano(b.outputUsdPerMTok)) ||
    byBigint(usdPerMillionToNano(a.inputUsdPerMTok), usdPerMillionToNano(b.inputUsdPerMTok)),
  context: (a, b) => a.contextWindow - b.contextWindow,
  // Ready to run above held back (needs a key) above outside the tier.
  allowed: (a, b) => forYou(a) - forYou(b),
};

/**
 * A sorted copy. Ties fall back to the name, then the id, always ascending, so equal prices keep
 * a stable, readable order whichever way the column points.
 */
export function sortModels<M extends SortableModel>(models: readonly M[], { key, direction }: ModelSort): M[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...models].sort((a, b) => sign * COMPARE[key](a, b) || COMPARE.name(a, b) || byText(a.id, b.id));
}

export function filterModels<M extends SortableModel>(models: readonly M[], onlyAllowed: boolean): M[] {
  return onlyAllowed ? models.filter((model) => model.allowed) : [...models];
}

/** Clicking a column header: the same column flips, another starts in its natural direction. */
export function nextSort(current: ModelSort, key: ModelSortKey): ModelSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: FIRST_DIRECTION[key] };
}

/** The view lives in the URL (`?sort=output&dir=desc&allowed=1`): reload and shared links keep it. */
export function modelViewFromParams(params: URLSearchParams): ModelView {
  const key = params.get('sort');
  const sortKey = (MODEL_SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as ModelSortKey) : DEFAULT_MODEL_SORT.key;
  const dir = params.get('dir');
  const direction: SortDirection = dir === 'asc' || dir === 'desc' ? dir : key === sortKey ? FIRST_DIRECTION[sortKey] : DEFAULT_MODEL_SORT.direction;
  return { sort: { key: sortKey, direction }, onlyAllowed: params.get('allowed') === '1' };
}

export function modelViewToParams({ sort, onlyAllowed }: ModelView): URLSearchParams {
  const params = new URLSearchParams();
  if (sort.key !== DEFAULT_MODEL_SORT.key || sort.direction !== DEFAULT_MODEL_SORT.direction) {
    params.set('sort', sort.key);
    params.set('dir', sort.direction);
  }
  if (onlyAllowed) params.set('allowed', '1');
  return params;
}

const forYou = (m: SortableModel) => Number(m.allowed) + Number(m.allowed && (m.availability?.runnable ?? true));
