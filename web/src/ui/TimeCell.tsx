import { formatDateTime } from './format-date';

interface Props {
  /** The column's label, shown beside the value on phones. */
  label: string;
  at: string | null;
  /** What a missing time reads as ("Never", "None"). */
  none?: string;
}

/** A table cell with a local date and time (the exact instant in `dateTime`), or a muted word when there is none. */
export function TimeCell({ label, at, none = 'Never' }: Props) {
  return <td data-label={label}>{at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">{none}</span>}</td>;
}
