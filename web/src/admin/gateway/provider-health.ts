/**
 * How the admin's provider status table reads `providerStatus` (the last 24 hours per provider):
 * a health word per provider, the latency in a readable unit, the worst first.
 */

/** What the table reads of a `ProviderStatus`. */
export interface ProviderStatusRow {
  name: string;
  available: boolean;
  /** How `auto` and the model pickers use it, in the server's words (the same check they make). */
  autoUse?: string;
  requests: number;
  errors: number;
  errorRate: number;
  medianLatencyMs: number | null;
  lastErrorAt: string | null;
}

export type Health = 'down' | 'degraded' | 'ok' | 'idle';

/** At or above this error rate a provider is degraded: one call in twenty failing is felt by users. */
export const DEGRADED_ERROR_RATE = 0.05;

/**
 * `down`: no key configured or its circuit is open (the server says unavailable); `idle`: no calls
 * in the window, so nothing to judge; `degraded`: too many errors; otherwise `ok`.
 */
export function healthOf(status: ProviderStatusRow): Health {
  if (!status.available) return 'down';
  if (status.requests === 0) return 'idle';
  return status.errorRate >= DEGRADED_ERROR_RATE ? 'degraded' : 'ok';
}

const ORDER: Record<Health, number> = { down: 0, degraded: 1, ok: 2, idle: 3 };

/** What needs attention first, then by name. */
export function byAttention(rows: readonly ProviderStatusRow[]): ProviderStatusRow[] {
  return [...rows].sort((a, b) => ORDER[healthOf(a)] - ORDER[healthOf(b)] || a.name.localeCompare(b.name));
}

/** "85 ms", "1.3 s"; a dash when nothing was measured. */
export function latencyLabel(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}
