import { Figure } from '../Figure';
import type { FigureColumn } from '../FigureTable';
import { isZero } from '../decimal';

/** One provider's day, as the API sends it (ProviderReconciliationDay). */
export interface ReconciliationRow {
  day: string;
  provider: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  listCostUsd: string;
  cachedUsd: string;
  byokUsd: string;
  expectedCostUsd: string;
  meteredCostUsd: string;
  differenceUsd: string;
  errorCostUsd: string;
  unexplainedUsd: string;
  explanation: string;
}

/** A difference cell: highlighted when it is not zero (warning when explained, danger when not). */
function highlighted(value: string, tone: 'warning' | 'danger', testId: string) {
  return (
    <span className={isZero(value) ? undefined : `figure-${tone}`} data-testid={testId}>
      <Figure value={value} kind="usd" />
    </span>
  );
}

export const RECONCILIATION_COLUMNS: FigureColumn<ReconciliationRow>[] = [
  { label: 'Day (UTC)', kind: 'text', value: (r) => r.day },
  { label: 'Provider', kind: 'text', value: (r) => r.provider },
  { label: 'Requests', kind: 'count', value: (r) => r.requests },
  { label: 'Input tokens', kind: 'count', value: (r) => r.inputTokens },
  { label: 'Output tokens', kind: 'count', value: (r) => r.outputTokens },
  { label: 'List', kind: 'usd', value: (r) => r.listCostUsd, title: "Stored tokens × the day's price, every call" },
  { label: 'Cached', kind: 'usd', value: (r) => r.cachedUsd, title: 'Cache hits: never sent to the provider' },
  { label: 'BYOK', kind: 'usd', value: (r) => r.byokUsd, title: "Billed to the user's own key" },
  { label: 'Expected', kind: 'usd', value: (r) => r.expectedCostUsd, title: 'List − cached − BYOK' },
  { label: 'Metered', kind: 'usd', value: (r) => r.meteredCostUsd, title: 'Provider cost recorded call by call' },
  { label: 'Difference', kind: 'usd', value: (r) => r.differenceUsd, render: (r) => highlighted(r.differenceUsd, 'warning', 'reconciliation-difference') },
  { label: 'Failed calls', kind: 'usd', value: (r) => r.errorCostUsd, title: 'Paid to the provider, no tokens stored' },
  { label: 'Unexplained', kind: 'usd', value: (r) => r.unexplainedUsd, render: (r) => highlighted(r.unexplainedUsd, 'danger', 'reconciliation-unexplained') },
  { label: 'Explanation', kind: 'text', value: (r) => r.explanation, render: (r) => r.explanation || <span className="muted">Agrees</span> },
];

export const reconciliationKey = (r: ReconciliationRow) => `${r.day}/${r.provider}`;
