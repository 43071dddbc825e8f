/** A 0–1 ratio from the API (a hit rate, an error rate) as a percentage with at most one decimal. */
export function ratioPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const percent = Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10;
  return `${percent}%`;
}
