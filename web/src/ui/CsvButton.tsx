import { downloadCsv, toCsv, type CsvColumn } from './csv';

interface Props<Row> {
  filename: string;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  label?: string;
  /** Several exports on one page need telling apart. */
  testId?: string;
}

/** "Export CSV" for a table: the rows shown, with exact (unformatted) values. */
export function CsvButton<Row>({ filename, rows, columns, label = 'Export CSV', testId = 'csv-export' }: Props<Row>) {
  return (
    <button
      type="button"
      className="button button-secondary"
      disabled={rows.length === 0}
      data-testid={testId}
      onClick={() => downloadCsv(filename, toCsv(rows, columns))}
    >
      {label}
    </button>
  );
}
