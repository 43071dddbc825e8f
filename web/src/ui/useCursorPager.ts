import { useState } from 'react';

export interface CursorPager {
  /** The `after` argument for the page on show (null: the first page). */
  after: string | null;
  /** 1-based. */
  page: number;
  next: (endCursor: string) => void;
  previous: () => void;
}

/**
 * Next / Previous over a forward-only cursor connection: the cursors that led to the current
 * page, as a stack. A new `resetKey` (other filters, another search) starts again at page 1.
 */
export function useCursorPager(resetKey: string): CursorPager {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  const cursors = state.key === resetKey ? state.cursors : [];
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length + 1,
    next: (endCursor) => setState({ key: resetKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
