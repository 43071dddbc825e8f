/** What the review needs of a row: whether OpenRouter's price differs from ours and can be imported. */
export interface ReviewRow {
  modelId: string;
  changed: boolean;
  openRouterInputUsdPerMTok: string | null;
}

/** A row can be applied when OpenRouter lists an importable price for it. */
export const importable = (row: ReviewRow) => row.openRouterInputUsdPerMTok !== null;

/** What the review starts with: every changed, importable row checked (the admin unticks what they reject). */
export function initialSelection(rows: readonly ReviewRow[]): Set<string> {
  return new Set(rows.filter((r) => r.changed && importable(r)).map((r) => r.modelId));
}

/** One checkbox flipped; rows that cannot be imported never enter the selection. */
export function toggle(selection: ReadonlySet<string>, row: ReviewRow): Set<string> {
  const next = new Set(selection);
  if (next.has(row.modelId)) next.delete(row.modelId);
  else if (importable(row)) next.add(row.modelId);
  return next;
}

/** The ids to send, in the table's order (so the written versions come back in the order shown). */
export function selectedIds(rows: readonly ReviewRow[], selection: ReadonlySet<string>): string[] {
  return rows.filter((r) => selection.has(r.modelId)).map((r) => r.modelId);
}
