import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { describeProblem } from '../../../apollo/describe-problem';
import { problemFromError } from '../../../apollo/problem';
import { getFragmentData } from '../../../gql';
import type { UserEconomicsOrder } from '../../../gql/graphql';
import { Alert } from '../../../ui/Alert';
import { Pager } from '../../../ui/Pager';
import { useCursorPager } from '../../../ui/useCursorPager';
import { FigureTable } from '../FigureTable';
import { apiRange, type DayRange } from '../range/utc-range';
import { TopUsersQuery } from './summary-query';
import { USER_ECONOMICS_COLUMNS, UserFiguresFragment } from './user-columns';

const PAGE_SIZE = 20;
const ORDERS: { value: UserEconomicsOrder; label: string }[] = [
  { value: 'REVENUE', label: 'Revenue' },
  { value: 'PROFIT', label: 'Profit' },
  { value: 'PROVIDER_COST', label: 'Provider cost' },
  { value: 'CONSUMED', label: 'Credits consumed' },
  { value: 'RUNWAY', label: 'Runway' },
];

/** The range's users, largest first by the chosen figure, a page at a time. */
export function TopUsers({ range }: { range: DayRange }) {
  const [orderBy, setOrderBy] = useState<UserEconomicsOrder>('REVENUE');
  const pager = useCursorPager(`${range.from}/${range.to}/${orderBy}`);
  const { data, previousData, error, loading } = useQuery(TopUsersQuery, {
    variables: { ...apiRange(range), first: PAGE_SIZE, after: pager.after, orderBy },
  });
  const page = (data ?? previousData)?.adminBillingSummary.byUser;
  const rows = getFragmentData(UserFiguresFragment, page?.nodes) ?? [];

  return (
    <>
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      <FigureTable
        title="Top users"
        note="Over the range; balance and runway are now. The export holds the page on show."
        rows={rows}
        columns={USER_ECONOMICS_COLUMNS}
        rowKey={(r) => r.userId}
        testId="top-users"
        filename={`tollgate-users_${range.from}_${range.to}_page-${pager.page}`}
        empty={loading ? 'Loading…' : 'No users with activity in this range.'}
        busy={loading && !!page}
        tools={
          <label className="field field-inline">
            <span>Order by</span>
            <select value={orderBy} onChange={(event) => setOrderBy(event.target.value as UserEconomicsOrder)} data-testid="top-users-order">
              {ORDERS.map((order) => (
                <option key={order.value} value={order.value}>
                  {order.label}
                </option>
              ))}
            </select>
          </label>
        }
        footer={
          page && (
            <Pager
              pager={pager}
              pageSize={PAGE_SIZE}
              shown={rows.length}
              totalCount={page.totalCount}
              endCursor={page.pageInfo.endCursor ?? null}
              hasNextPage={page.pageInfo.hasNextPage}
              noun="users"
              stale={loading}
            />
          )
        }
      />
    </>
  );
}
