import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { formatCredits } from '../../ui/format-money';
import type { AdminUserDetail } from './useAdminUser';

const COLUMNS: DataColumn[] = [
  { label: 'Source' },
  { label: 'Granted', numeric: true },
  { label: 'Remaining', numeric: true },
  { label: 'Created' },
  { label: 'Expires' },
  { label: 'Reference' },
];

/** The user's credit buckets, spent ones included: where the balance came from and when it lapses. */
export function GrantsTable({ grants }: { grants: AdminUserDetail['grants'] }) {
  return (
    <section className="card user-card" aria-labelledby="user-grants-title">
      <h2 id="user-grants-title">Grants</h2>
      <DataTable
        columns={COLUMNS}
        rows={grants}
        rowKey={(g) => g.id}
        testId="user-grants"
        empty={{ message: 'No grants.', testId: 'user-grants-empty' }}
        renderRow={(g) => (
          <tr data-testid="grant-row" data-source={g.source} data-remaining={g.remaining}>
            <td data-label="Source">{g.source}</td>
            <td data-label="Granted" className="num" title={`${g.amount} credits`}>
              {formatCredits(g.amount)}
            </td>
            <td data-label="Remaining" className="num" title={`${g.remaining} credits`}>
              {formatCredits(g.remaining)}
            </td>
            <TimeCell label="Created" at={g.createdAt} />
            <TimeCell label="Expires" at={g.expiresAt} />
            <td data-label="Reference" className="user-cell-wrap">
              {g.reference ?? <span className="muted">—</span>}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
