import type { ResultOf } from '@graphql-typed-document-node/core';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import type { FigureColumn } from '../FigureTable';

/** The per-user economics both the overview's top users and the runway watch list show (and select). */
export const UserFiguresFragment = graphql(`
  fragment UserFigures_UserEconomics on UserEconomics {
    userId
    email
    tierCode
    suspendedAt
    grossRevenueUsd
    netRevenueUsd
    providerCostUsd
    grossProfitUsd
    marginPercent
    creditsConsumed
    balance
    available
    burnPerDay7d
    burnPerDay30d
    runwayDays
  }
`);

export type UserFigures = ResultOf<typeof UserFiguresFragment>;

const userColumn: FigureColumn<UserFigures> = {
  label: 'User',
  kind: 'text',
  value: (r) => r.email,
  render: (r) => (
    <Link to={`/admin/users/${encodeURIComponent(r.userId)}`} data-testid="user-link" title={r.userId}>
      {r.email}
    </Link>
  ),
};
const userIdColumn: FigureColumn<UserFigures> = { label: 'User id', kind: 'text', value: (r) => r.userId, render: (r) => <code>{r.userId.slice(0, 8)}</code> };
const tierColumn: FigureColumn<UserFigures> = { label: 'Tier', kind: 'text', value: (r) => r.tierCode };

/** What each user is worth over the range, and where their balance stands now. */
export const USER_ECONOMICS_COLUMNS: FigureColumn<UserFigures>[] = [
  userColumn,
  tierColumn,
  { label: 'Gross revenue', kind: 'usd', value: (r) => r.grossRevenueUsd },
  { label: 'Net revenue', kind: 'usd', value: (r) => r.netRevenueUsd },
  { label: 'Provider cost', kind: 'usd', value: (r) => r.providerCostUsd },
  { label: 'Gross profit', kind: 'usd', value: (r) => r.grossProfitUsd },
  { label: 'Margin', kind: 'percent', value: (r) => r.marginPercent },
  { label: 'Credits consumed', kind: 'credits', value: (r) => r.creditsConsumed },
  { label: 'Balance', kind: 'credits', value: (r) => r.balance, title: 'Now' },
  { label: 'Runway (days)', kind: 'count', value: (r) => r.runwayDays, title: 'Days until the available credit runs out at the recent burn rate' },
  userIdColumn,
];

/** Who is about to run out: balance, burn and runway, now. */
export const RUNWAY_COLUMNS: FigureColumn<UserFigures>[] = [
  userColumn,
  tierColumn,
  { label: 'Runway (days)', kind: 'count', value: (r) => r.runwayDays, testId: 'runway-days' },
  { label: 'Available', kind: 'credits', value: (r) => r.available, title: 'Balance less held credit' },
  { label: 'Balance', kind: 'credits', value: (r) => r.balance },
  { label: 'Burn / day (7 days)', kind: 'credits', value: (r) => r.burnPerDay7d },
  { label: 'Burn / day (30 days)', kind: 'credits', value: (r) => r.burnPerDay30d },
  { label: 'Suspended', kind: 'text', value: (r) => r.suspendedAt, render: (r) => (r.suspendedAt ? 'Suspended' : '—') },
  userIdColumn,
];
