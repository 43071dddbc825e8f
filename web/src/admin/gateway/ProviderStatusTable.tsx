import { ratioPercent } from '../../ui/format-percent';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { displayCount } from '../../models/format';
import { byAttention, healthOf, latencyLabel, type Health, type ProviderStatusRow } from './provider-health';

const COLUMNS: DataColumn[] = [
  { label: 'Provider' },
  { label: 'Status' },
  { label: 'Requests', numeric: true, title: 'Attempts in the last 24 hours, fallbacks and cache hits included' },
  { label: 'Errors', numeric: true },
  { label: 'Error rate', numeric: true },
  { label: 'Median latency', numeric: true },
  { label: 'Last error' },
  { label: 'Auto & model pickers', title: 'What auto and the model pickers offer from this provider: the same check they make' },
];

const BADGES: Record<Health, { label: string; className: string }> = {
  down: { label: 'Not configured', className: 'badge-danger' },
  degraded: { label: 'Degraded', className: 'badge-warning' },
  ok: { label: 'Healthy', className: 'badge-success' },
  idle: { label: 'No calls', className: 'badge-muted' },
};

/** Every provider over the last 24 hours, the ones that need attention first. */
export function ProviderStatusTable({ providers }: { providers: readonly ProviderStatusRow[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={byAttention(providers)}
      rowKey={(row) => row.name}
      renderRow={(row) => <ProviderStatusLine row={row} />}
      testId="provider-status-table"
      empty={{ message: 'No providers are configured.', testId: 'provider-status-empty' }}
    />
  );
}

function ProviderStatusLine({ row }: { row: ProviderStatusRow }) {
  const health = healthOf(row);
  const badge = BADGES[health];
  return (
    <tr data-testid="provider-status-row" data-provider={row.name} data-health={health}>
      <td data-label="Provider">
        <code>{row.name}</code>
      </td>
      <td data-label="Status">
        <span className={`badge ${badge.className}`}>{badge.label}</span>
      </td>
      <td data-label="Requests" className="num">
        {displayCount(row.requests)}
      </td>
      <td data-label="Errors" className="num">
        {displayCount(row.errors)}
      </td>
      <td data-label="Error rate" className="num">
        {row.requests === 0 ? '—' : ratioPercent(row.errorRate)}
      </td>
      <td data-label="Median latency" className="num">
        {latencyLabel(row.medianLatencyMs)}
      </td>
      <TimeCell label="Last error" at={row.lastErrorAt} none="None" />
      <td data-label="Auto & model pickers" className="provider-auto-use" data-testid="provider-auto-use">
        {row.autoUse ?? '—'}
      </td>
    </tr>
  );
}
