/** Where a price version stands at `now`: in force (the latest started), scheduled (not started yet), or past. */
export type PriceVersionStatus = 'scheduled' | 'current' | 'past';

export interface DatedVersion {
  id: string;
  effectiveFrom: string;
}

/**
 * The status of each version, by id. The API lists them newest first; the one in force is the
 * latest whose start is not after `now`, which is how the server picks the price for a request.
 */
export function priceVersionStatuses(versions: readonly DatedVersion[], now: Date): Map<string, PriceVersionStatus> {
  const statuses = new Map<string, PriceVersionStatus>();
  const started = versions
    .filter((v) => Date.parse(v.effectiveFrom) <= now.getTime())
    .sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom));
  const current = started[0]?.id;
  for (const version of versions) {
    statuses.set(version.id, Date.parse(version.effectiveFrom) > now.getTime() ? 'scheduled' : version.id === current ? 'current' : 'past');
  }
  return statuses;
}
