import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { describeProblem } from '../../../apollo/describe-problem';
import { problemFromError } from '../../../apollo/problem';
import { getFragmentData, graphql } from '../../../gql';
import { Alert } from '../../../ui/Alert';
import { Pager } from '../../../ui/Pager';
import { useCursorPager } from '../../../ui/useCursorPager';
import { FigureTable } from '../FigureTable';
import { RUNWAY_COLUMNS, UserFiguresFragment } from '../overview/user-columns';
import { thresholdProblem, DEFAULT_THRESHOLD } from './threshold';

const PAGE_SIZE = 50;

const RunwayWatchQuery = graphql(`
  query ConsoleRunwayWatch($thresholdDays: Float!, $first: Int!, $after: String) {
    adminRunwayWatch(thresholdDays: $thresholdDays, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...UserFigures_UserEconomics
      }
    }
  }
`);

/** Who is about to run out of credit at their recent rate: shortest runway first, each a link to the user. */
export function RunwayPage() {
  const [search, setSearch] = useSearchParams();
  const input = search.get('threshold') ?? String(DEFAULT_THRESHOLD);
  const problem = thresholdProblem(input);
  const threshold = problem ? DEFAULT_THRESHOLD : Number(input);
  const pager = useCursorPager(String(threshold));
  const { data, previousData, error, loading } = useQuery(RunwayWatchQuery, {
    variables: { thresholdDays: threshold, first: PAGE_SIZE, after: pager.after },
    skip: !!problem,
  });
  const page = (data ?? previousData)?.adminRunwayWatch;
  const rows = getFragmentData(UserFiguresFragment, page?.nodes) ?? [];

  return (
    <section className="page console-page" data-testid="console-runway">
      <div className="page-head">
        <div>
          <h1>Runway</h1>
          <p className="muted">
            Users whose available credit runs out within the threshold at their burn rate over the last 7 UTC days (30 when the last 7 spent nothing). Reach
            them before they run out.
          </p>
        </div>
      </div>
      <form className="card range-picker" onSubmit={(event) => event.preventDefault()}>
        <label className={`field${problem ? ' field-invalid' : ''}`}>
          <span>Runway under (days)</span>
          <input
            type="number"
            min="0.1"
            max="3650"
            step="0.1"
            inputMode="decimal"
            value={input}
            onChange={(event) => setSearch({ threshold: event.target.value }, { replace: true })}
            data-testid="runway-threshold"
          />
        </label>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      <FigureTable
        title={`Runway under ${threshold} days`}
        note="Shortest first. Balance, burn and runway are as of now."
        rows={rows}
        columns={RUNWAY_COLUMNS}
        rowKey={(r) => r.userId}
        testId="runway"
        filename={`tollgate-runway-under-${threshold}-days_page-${pager.page}`}
        empty={loading ? 'Loading…' : `Nobody runs out within ${threshold} days at their current rate.`}
        busy={loading && !!page}
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
    </section>
  );
}
