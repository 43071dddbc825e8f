import type { ReactNode } from 'react';
import { CsvButton } from '../../ui/CsvButton';
import type { CsvColumn } from '../../ui/csv';
import { DataTable } from '../../ui/DataTable';
import { Figure } from './Figure';

export type ColumnKind = 'text' | 'count' | 'usd' | 'credits' | 'percent';

export interface FigureColumn<Row> {
  label: string;
  kind: ColumnKind;
  /** The exact value: what the CSV holds and what the cell formats. */
  value: (row: Row) => string | number | null;
  /** A cell of the caller's (a link); the CSV still takes `value`. */
  render?: (row: Row) => ReactNode;
  /** What the column means, on hover of its header. */
  title?: string;
  /** data-testid of each cell's figure. */
  testId?: string;
}

const UNIT: Partial<Record<ColumnKind, string>> = { usd: ' (USD)', credits: ' (credits)', percent: ' (%)' };

/** The CSV columns of a table: the same columns, exact values, units in the headers. */
export function csvColumns<Row>(columns: readonly FigureColumn<Row>[]): CsvColumn<Row>[] {
  return columns.map((column) => ({ header: `${column.label}${UNIT[column.kind] ?? ''}`, value: column.value }));
}

interface Props<Row> {
  title: string;
  note?: ReactNode;
  rows: readonly Row[];
  columns: readonly FigureColumn<Row>[];
  rowKey: (row: Row) => string;
  testId: string;
  /** The CSV file's name, without ".csv". */
  filename: string;
  empty: string;
  /** Rows the CSV holds when it is not just the rows on show. */
  csvRows?: readonly Row[];
  /** Under the table (a pager). */
  footer?: ReactNode;
  /** Above the table, beside the export (an order picker). */
  tools?: ReactNode;
  busy?: boolean;
}

/** A console table: a heading, an exact CSV export of the same columns, the table or its empty state. */
export function FigureTable<Row>({ title, note, rows, columns, rowKey, testId, filename, empty, csvRows, footer, tools, busy }: Props<Row>) {
  return (
    <section className="card console-table" aria-label={title} data-testid={`${testId}-section`}>
      <div className="console-table-head">
        <div>
          <h2>{title}</h2>
          {note && <p className="muted">{note}</p>}
        </div>
        <div className="console-table-tools">
          {tools}
          <CsvButton filename={`${filename}.csv`} rows={csvRows ?? rows} columns={csvColumns(columns)} testId={`${testId}-csv`} />
        </div>
      </div>
      <div className="console-table-scroll">
        <DataTable
          columns={columns.map((c) => ({ label: c.label, numeric: c.kind !== 'text', title: c.title }))}
          rows={rows}
          rowKey={rowKey}
          testId={testId}
          busy={busy}
          empty={{ message: empty, testId: `${testId}-empty` }}
          renderRow={(row) => (
            <tr data-testid={`${testId}-row`} data-key={rowKey(row)}>
              {columns.map((column) => (
                <FigureTableCell key={column.label} row={row} column={column} />
              ))}
            </tr>
          )}
        />
      </div>
      {footer}
    </section>
  );
}

function FigureTableCell<Row>({ row, column }: { row: Row; column: FigureColumn<Row> }) {
  const value = column.value(row);
  let content: ReactNode;
  if (column.render) content = column.render(row);
  else if (column.kind === 'text') content = <span data-testid={column.testId}>{value ?? '—'}</span>;
  else if (column.kind === 'count')
    content = (
      <span data-testid={column.testId} data-value={value ?? ''}>
        {value == null ? '—' : Number(value).toLocaleString('en-US')}
      </span>
    );
  else content = <Figure value={value == null ? null : String(value)} kind={column.kind} testId={column.testId} />;
  return (
    <td className={column.kind === 'text' ? undefined : 'num'} data-label={column.label}>
      {content}
    </td>
  );
}
