import type { CursorPager } from './useCursorPager';
import './pager.css';

interface Props {
  pager: CursorPager;
  pageSize: number;
  /** Rows on the page on show. */
  shown: number;
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  /** "transactions", "accounts". */
  noun: string;
  /** The rows on show are the previous page's while the asked-for page loads. */
  stale?: boolean;
}

export function Pager({ pager, pageSize, shown, totalCount, endCursor, hasNextPage, noun, stale = false }: Props) {
  const first = (pager.page - 1) * pageSize + 1;
  const last = first + shown - 1;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted" data-testid="pager-status">
        {stale
          ? `Loading page ${pager.page}…`
          : shown === 0
            ? `No ${noun}`
            : `${first.toLocaleString()}–${last.toLocaleString()} of ${totalCount.toLocaleString()} ${noun}`}
      </span>
      <span className="pager-buttons">
        <button type="button" className="button button-secondary" onClick={pager.previous} disabled={pager.page === 1 || stale} data-testid="pager-previous">
          ← Previous
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => endCursor && pager.next(endCursor)}
          disabled={stale || !hasNextPage || !endCursor}
          data-testid="pager-next"
        >
          Next →
        </button>
      </span>
    </nav>
  );
}
