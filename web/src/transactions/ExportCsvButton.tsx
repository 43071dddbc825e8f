import { describeProblem } from '../apollo/describe-problem';
import { Alert } from '../ui/Alert';
import type { TransactionFilters } from './filters';
import { useCsvExport } from './useCsvExport';

export function ExportCsvButton({ filters, disabled }: { filters: TransactionFilters; disabled?: boolean }) {
  const { state, run } = useCsvExport(filters);
  const running = state.status === 'running';
  return (
    <div className="export-csv">
      <button type="button" className="button button-secondary" onClick={() => void run()} disabled={disabled || running} data-testid="export-csv">
        {running ? `Exporting… ${state.fetched.toLocaleString()}${state.total !== null ? ` / ${state.total.toLocaleString()}` : ''}` : 'Export CSV'}
      </button>
      {state.status === 'failed' && <Alert testId="export-error">The export failed: {describeProblem(state.problem)}</Alert>}
    </div>
  );
}
