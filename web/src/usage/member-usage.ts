import { parseCredits } from '@tollgate/shared';
import { plotCredits, sumCredits } from './chart-data';

/** What the breakdown reads of a `usageByMember` row. */
export interface MemberUsageRow {
  /** Null for spending no member made (before attribution existed, or an admin's charge). */
  userId: string | null;
  email: string | null;
  requests: number;
  tokens: number;
  cost: string;
}

export interface MemberPoint {
  key: string;
  /** The member's email, or what stands for spending without one. */
  label: string;
  cost: string;
  /** Plot-only copy of `cost`, for a bar's length. */
  spendValue: number;
  requests: number;
  tokens: number;
}

/** Members with a bar (and a line) of their own; past that, the rest share an "Other" line. */
export const TOP_MEMBERS = 12;
export const NO_MEMBER_LABEL = 'Not by a member';

/** Largest spender first (ties by label, so the order is stable); the tail summed exactly into one line. */
export function memberSeries(rows: readonly MemberUsageRow[], top = TOP_MEMBERS): MemberPoint[] {
  const sorted = [...rows].sort((a, b) => {
    const difference = parseCredits(b.cost) - parseCredits(a.cost);
    if (difference !== 0n) return difference > 0n ? 1 : -1;
    return memberLabel(a).localeCompare(memberLabel(b));
  });
  const point = (key: string, label: string, group: readonly MemberUsageRow[]): MemberPoint => {
    const cost = sumCredits(group.map((row) => row.cost));
    return {
      key,
      label,
      cost,
      spendValue: plotCredits(cost),
      requests: group.reduce((total, row) => total + row.requests, 0),
      tokens: group.reduce((total, row) => total + row.tokens, 0),
    };
  };
  const own = (row: MemberUsageRow) => point(row.userId ?? 'none', memberLabel(row), [row]);
  // "Other" must stand for at least two members: one would just hide a name.
  if (sorted.length <= top + 1) return sorted.map(own);
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top).map(own), point('other', `Other (${rest.length} members)`, rest)];
}

export function memberLabel(row: Pick<MemberUsageRow, 'email'>): string {
  return row.email ?? NO_MEMBER_LABEL;
}
