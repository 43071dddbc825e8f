/** RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted only when they need it. */

export type CsvCell = string | number | bigint | boolean | null | undefined;

/** One field: quoted when it holds a comma, a double quote or a line break; quotes doubled inside. */
export function csvField(value: CsvCell): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
 * free text that someone else typed could compute, or fetch a URL, when the file is opened (CSV
 * injection). A leading apostrophe makes such text inert; use this for free text, never for numbers.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
