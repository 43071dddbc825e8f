import { Fragment, type ReactNode } from 'react';

export interface DataColumn {
  /** The header text. Rows repeat it as each cell's `data-label`, which phones show in the reflowed layout. */
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** A tooltip on the header, saying what the column means. */
  title?: string;
  /** Header for screen readers only (an actions column). */
  hiddenLabel?: boolean;
  /** A whole <th> of the caller's (a sort button); replaces the plain one. */
  header?: ReactNode;
}

interface Props<Row> {
  columns: readonly DataColumn[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** One <tr>: rows stay the caller's, since each reads its own fragment. */
  renderRow: (row: Row) => ReactNode;
  testId: string;
  /** Extra classes for the <table> (column widths). */
  className?: string;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: { message: ReactNode; testId: string };
  /** A newer page is loading: the rows on show are dimmed and marked busy. */
  busy?: boolean;
  /** Each row becomes a labelled card on narrow screens (default); off for wide comparison tables. */
  reflow?: boolean;
}

/** The app's table: header row from `columns`, body from `renderRow`, an empty state, a busy state. */
export function DataTable<Row>({ columns, rows, rowKey, renderRow, testId, className, empty, busy = false, reflow = true }: Props<Row>) {
  if (empty && rows.length === 0) {
    return (
      <p className="empty" data-testid={empty.testId}>
        {empty.message}
      </p>
    );
  }
  const classes = ['table', reflow && 'table-reflow', className, busy && 'is-busy'].filter(Boolean).join(' ');
  return (
    <table className={classes} aria-busy={busy} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <Fragment key={column.label}>{column.header ?? <HeaderCell column={column} />}</Fragment>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
        ))}
      </tbody>
    </table>
  );
}

function HeaderCell({ column }: { column: DataColumn }) {
  return (
    <th scope="col" className={column.numeric ? 'num' : undefined} title={column.title}>
      {column.hiddenLabel ? <span className="visually-hidden">{column.label}</span> : column.label}
    </th>
  );
}
