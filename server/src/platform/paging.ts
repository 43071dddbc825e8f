import { BadUserInputError } from './errors.js';

/**
 * The arguments every connection shares, checked where the page is read (services and stores),
 * not in resolvers: `first` (a default when absent, 1 to max) and a sequence cursor `after`.
 */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw new BadUserInputError(`first must be 1 to ${max}`, 'first');
  return size;
}

/** A cursor that is a row's sequence number (a bigint as decimal text), or null for the first page. */
export function seqCursor(after: string | null | undefined): bigint | null {
  if (after == null) return null;
  if (!/^\d{1,18}$/.test(after)) throw new BadUserInputError('after is not a cursor from this connection', 'after');
  return BigInt(after);
}
