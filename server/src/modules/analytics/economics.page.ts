import { BadUserInputError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { UserEconomicsOrder } from './analytics.types.js';

/** The arguments of a page of per-user economics, checked: anything wrong is BAD_USER_INPUT naming it. */

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
const MAX_SEARCH = 200;
/** A runway threshold above a year tells an operator nothing (and the watch list is for "soon"). */
export const MAX_THRESHOLD_DAYS = 365;
export const DEFAULT_THRESHOLD_DAYS = 7;

/** Where a page ends: the order it was read in, the sort key (an integer as text, or null) and the user id. */
export interface EconomicsCursor {
  order: UserEconomicsOrder;
  key: string | null;
  userId: string;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new BadUserInputError(`first must be from 1 to ${MAX_PAGE}`, 'first');
  return first;
}

/** Opaque to clients: base64url of a small JSON array. */
export function encodeCursor(c: EconomicsCursor): string {
  return Buffer.from(JSON.stringify([c.order, c.key, c.userId])).toString('base64url');
}

/** A cursor from another order, or anything not made by encodeCursor, is refused (never a 5xx). */
export function decodeCursor(after: string | null | undefined, order: UserEconomicsOrder): EconomicsCursor | null {
  if (after == null) return null;
  const refuse = (): never => {
    throw new BadUserInputError('after is not a cursor of this list (use pageInfo.endCursor of the same orderBy)', 'after');
  };
  if (after.length > 300) refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return refuse();
  const [o, key, userId] = parsed as unknown[];
  if (o !== order) return refuse();
  if (key !== null && (typeof key !== 'string' || !/^-?\d{1,40}$/.test(key))) return refuse();
  if (typeof userId !== 'string' || !isUuid(userId)) return refuse();
  return { order, key: key as string | null, userId };
}

export interface Search {
  /** ilike pattern of the email part, wildcards escaped. */
  pattern: string;
  /** The search itself, matched exactly against user ids (lower case). */
  exactId: string;
}

/** An email part (case-insensitive) or an exact user id; blank means everyone. */
export function parseSearch(search: string | null | undefined): Search | null {
  const trimmed = (search ?? '').trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > MAX_SEARCH) throw new BadUserInputError(`search must be at most ${MAX_SEARCH} characters`, 'search');
  return { pattern: `%${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, exactId: trimmed.toLowerCase() };
}

export function parseThreshold(days: number | null | undefined): number {
  if (days == null) return DEFAULT_THRESHOLD_DAYS;
  if (!Number.isFinite(days) || days <= 0 || days > MAX_THRESHOLD_DAYS) {
    throw new BadUserInputError(`thresholdDays must be more than 0 and at most ${MAX_THRESHOLD_DAYS}`, 'thresholdDays');
  }
  return days;
}
