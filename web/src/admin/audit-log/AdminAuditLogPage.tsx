import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CsvButton } from '../../ui/CsvButton';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import type { CsvColumn } from '../../ui/csv';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { AuditFilterFields } from './AuditFilterFields';
import { AuditRow } from './AuditRow';
import { AUDIT_PAGE_SIZE, NO_AUDIT_FILTERS, useAdminAuditLog, type AuditEntry, type AuditFilters } from './useAdminAuditLog';
import '../admin.css';
import '../users/users.css';
import './audit-log.css';

const FILTER_DELAY_MS = 300;

const COLUMNS: DataColumn[] = [
  { label: 'When' },
  { label: 'Action' },
  { label: 'Admin' },
  { label: 'Target' },
  { label: 'Summary' },
  { label: 'Details', hiddenLabel: true },
];

const CSV: CsvColumn<AuditEntry>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'created_at', value: (e) => e.createdAt },
  { header: 'action', value: (e) => e.action },
  { header: 'actor_id', value: (e) => e.actorId },
  { header: 'actor_email', value: (e) => e.actorEmail },
  { header: 'target_type', value: (e) => e.targetType },
  { header: 'target_id', value: (e) => e.targetId },
  { header: 'summary', value: (e) => e.summary },
  { header: 'args', value: (e) => e.args },
  { header: 'before', value: (e) => e.before },
  { header: 'after', value: (e) => e.after },
];

const trimmed = (filters: AuditFilters): AuditFilters => ({
  action: filters.action.trim(),
  actorId: filters.actorId.trim(),
  targetId: filters.targetId.trim(),
});

/** Every admin action, newest first: who did what to what, when, and the state before and after. */
export function AdminAuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  // Debounced as a string: an object made afresh each render would restart the timer for ever.
  const settled = useDebouncedValue(JSON.stringify(trimmed(filters)), FILTER_DELAY_MS);
  const { connection, stale, pager, loading, error } = useAdminAuditLog(JSON.parse(settled) as AuditFilters);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every admin action, newest first. Open a row to compare the state before and after.</p>
        </div>
        {connection && <CsvButton filename="audit-log.csv" rows={connection.nodes} columns={CSV} />}
      </div>
      <AuditFilterFields filters={filters} onChange={setFilters} />
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading the audit log…</p>}
      {connection && (
        <>
          <DataTable
            columns={COLUMNS}
            rows={connection.nodes}
            rowKey={(entry) => entry.id}
            testId="audit-table"
            className="audit-table"
            busy={loading}
            empty={{ message: 'No admin action matches.', testId: 'audit-empty' }}
            renderRow={(entry) => (
              <AuditRow
                entry={entry}
                expanded={expanded.has(entry.id)}
                onToggle={() => toggle(entry.id)}
                onFilter={(next) => setFilters((current) => ({ ...current, ...next }))}
              />
            )}
          />
          <Pager
            pager={pager}
            pageSize={AUDIT_PAGE_SIZE}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            endCursor={connection.pageInfo.endCursor}
            hasNextPage={connection.pageInfo.hasNextPage}
            noun="actions"
            stale={stale}
          />
        </>
      )}
    </section>
  );
}
