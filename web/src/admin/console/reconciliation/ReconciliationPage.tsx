import { useQuery } from '@apollo/client/react';
import { describeProblem } from '../../../apollo/describe-problem';
import { problemFromError } from '../../../apollo/problem';
import { graphql } from '../../../gql';
import { Alert } from '../../../ui/Alert';
import { isZero } from '../decimal';
import { FigureTable } from '../FigureTable';
import { RangePicker } from '../range/RangePicker';
import { apiRange } from '../range/utc-range';
import { useUtcRange } from '../range/useUtcRange';
import { RECONCILIATION_COLUMNS, reconciliationKey } from './reconciliation-columns';

const ReconciliationQuery = graphql(`
  query ConsoleReconciliation($from: DateTime!, $to: DateTime!) {
    adminProviderReconciliation(from: $from, to: $to) {
      day
      provider
      requests
      inputTokens
      outputTokens
      listCostUsd
      cachedUsd
      byokUsd
      expectedCostUsd
      meteredCostUsd
      differenceUsd
      errorCostUsd
      unexplainedUsd
      explanation
    }
  }
`);

/** Metered provider cost next to what the stored usage says the provider should bill, per provider and UTC day. */
export function ReconciliationPage() {
  const rangeState = useUtcRange();
  const { range, problem } = rangeState;
  const { data, previousData, error, loading } = useQuery(ReconciliationQuery, { variables: apiRange(range), skip: !!problem });
  const rows = (data ?? previousData)?.adminProviderReconciliation ?? [];
  const unexplained = rows.filter((r) => !isZero(r.unexplainedUsd)).length;

  return (
    <section className="page console-page" data-testid="console-reconciliation">
      <div className="page-head">
        <div>
          <h1>Provider reconciliation</h1>
          <p className="muted">
            <strong>Expected</strong> = every stored call's tokens × the price in force that day (<em>list</em>), less cache hits (never sent to a provider) and
            BYOK calls (billed to the user's key). <strong>Metered</strong> = the provider cost recorded call by call. A <strong>difference</strong> made of
            failed calls' cost is explained (we paid the provider, no tokens were stored); anything else is <strong>unexplained</strong> and highlighted.
          </p>
        </div>
      </div>
      <RangePicker state={rangeState} />
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {rows.length > 0 && (
        <p className={unexplained ? 'alert alert-warning' : 'muted'} data-testid="reconciliation-verdict" data-unexplained={unexplained}>
          {unexplained
            ? `${unexplained} provider-day${unexplained === 1 ? '' : 's'} with a difference nothing on record explains.`
            : 'Every difference is explained: the provider cost, and so the margin, can be trusted.'}
        </p>
      )}
      {!problem && (
        <FigureTable
          title="By provider and day"
          rows={rows}
          columns={RECONCILIATION_COLUMNS}
          rowKey={reconciliationKey}
          testId="reconciliation"
          filename={`tollgate-reconciliation_${range.from}_${range.to}`}
          empty={loading ? 'Loading…' : 'No provider usage in this range.'}
          busy={loading && rows.length > 0}
        />
      )}
    </section>
  );
}
