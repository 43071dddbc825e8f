import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { formatDollars, formatExactUsd } from '../../ui/format-money';

export const KeyFields = graphql(`
  fragment OpenRouterKeysTable_OpenRouterKeyStatus on OpenRouterKeyStatus {
    userId
    email
    label
    limitUsd
    usageUsd
    recordedCostUsd
    differenceUsd
    disabled
    syncedAt
  }
`);

const COLUMNS: DataColumn[] = [
  { label: 'User and key' },
  { label: 'Limit', numeric: true, title: "OpenRouter's cap on the key's whole usage: its usage so far plus the user's credit" },
  { label: 'Used', numeric: true, title: 'What OpenRouter reported at the last sync' },
  { label: 'We recorded', numeric: true, title: "The provider cost our metering recorded for this user's OpenRouter calls" },
  { label: 'Difference', numeric: true, title: 'OpenRouter usage minus our recorded cost' },
  { label: 'State' },
  { label: 'Synced' },
];

/** The dollars to the cent, the exact figure on hover. */
function Usd({ value, testId }: { value: string; testId?: string }) {
  return (
    <span title={formatExactUsd(value)} data-testid={testId}>
      {formatDollars(value)}
    </span>
  );
}

/** Every key Tollgate created at OpenRouter, with the reconciliation of its usage. */
export function OpenRouterKeysTable({ keys }: { keys: readonly FragmentType<typeof KeyFields>[] }) {
  const rows = keys.map((k) => getFragmentData(KeyFields, k));
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(row) => row.userId}
      testId="openrouter-keys-table"
      empty={{ message: 'No OpenRouter key yet: one is created the first time a user calls an OpenRouter model.', testId: 'openrouter-keys-empty' }}
      renderRow={(row) => (
        <tr data-testid="openrouter-key-row" data-user={row.userId}>
          <td data-label="User and key">
            <span>
              {row.email}
              <br />
              <code className="muted">{row.label}</code>
            </span>
          </td>
          <td data-label="Limit" className="num">
            <Usd value={row.limitUsd} />
          </td>
          <td data-label="Used" className="num">
            <Usd value={row.usageUsd} />
          </td>
          <td data-label="We recorded" className="num">
            <Usd value={row.recordedCostUsd} />
          </td>
          <td data-label="Difference" className="num">
            <Usd value={row.differenceUsd} testId="openrouter-key-difference" />
          </td>
          <td data-label="State">
            <span className={`badge ${row.disabled ? 'badge-danger' : 'badge-success'}`}>{row.disabled ? 'Disabled' : 'Active'}</span>
          </td>
          <TimeCell label="Synced" at={row.syncedAt} none="Not yet" />
        </tr>
      )}
    />
  );
}
