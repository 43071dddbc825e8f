import type { TransactionType } from '../gql/graphql';
import { endOfLocalDay, startOfLocalDay } from '../ui/local-date';
import { TRANSACTION_TYPES, isTransactionType } from './transaction-types';

/**
 * The transaction filters as the URL keeps them (`?type=USAGE&type=REFUND&from=2025-03-01&to=2025-03-31`),
 * so a filtered view can be bookmarked, shared and reloaded. Dates are whole local days, both ends
 * included. On a team, `member` and `key` narrow the team's history to one person or one API key
 * (the server ignores them for a member, who only ever sees their own entries).
 */
export interface TransactionFilters {
  types: TransactionType[];
  /** "YYYY-MM-DD", or null for no bound. */
  from: string | null;
  to: string | null;
  /** A member's user id, or null for everyone. */
  memberId: string | null;
  /** An API key's id, or null for every key (and calls made without one). */
  apiKeyId: string | null;
}

export const NO_FILTERS: TransactionFilters = { types: [], from: null, to: null, memberId: null, apiKeyId: null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads filters from the URL, dropping what does not parse (an old link, a hand edit). */
export function filtersFromParams(params: URLSearchParams): TransactionFilters {
  const chosen = new Set(params.getAll('type').filter(isTransactionType));
  const day = (name: string) => {
    const value = params.get(name);
    return value && startOfLocalDay(value) ? value : null;
  };
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : null;
  };
  return { types: TRANSACTION_TYPES.filter((type) => chosen.has(type)), from: day('from'), to: day('to'), memberId: id('member'), apiKeyId: id('key') };
}

/** The URL form, in one canonical order so equal filters give equal URLs. */
export function filtersToParams(filters: TransactionFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const type of TRANSACTION_TYPES) if (filters.types.includes(type)) params.append('type', type);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.memberId) params.set('member', filters.memberId);
  if (filters.apiKeyId) params.set('key', filters.apiKeyId);
  return params;
}

export function filtersProblem(filters: TransactionFilters): string | undefined {
  if (filters.from && filters.to && filters.from > filters.to) return 'The start date is after the end date';
  return undefined;
}

export interface TransactionFilterVariables {
  types?: TransactionType[];
  from?: string;
  to?: string;
  memberId?: string;
  apiKeyId?: string;
}

/**
 * The `creditTransactions` arguments: `from` is the start of the first local day, `to` the start
 * of the day after the last (the API's `to` is exclusive), both as UTC instants.
 */
export function filtersToVariables(filters: TransactionFilters): TransactionFilterVariables {
  const variables: TransactionFilterVariables = {};
  if (filters.types.length > 0) variables.types = filters.types;
  const from = filters.from ? startOfLocalDay(filters.from) : null;
  const to = filters.to ? endOfLocalDay(filters.to) : null;
  if (from) variables.from = from.toISOString();
  if (to) variables.to = to.toISOString();
  if (filters.memberId) variables.memberId = filters.memberId;
  if (filters.apiKeyId) variables.apiKeyId = filters.apiKeyId;
  return variables;
}

export function hasFilters(filters: TransactionFilters): boolean {
  return filters.types.length > 0 || filters.from !== null || filters.to !== null || filters.memberId !== null || filters.apiKeyId !== null;
}
