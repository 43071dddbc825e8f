import type { Sql } from '../../platform/sql.js';
import type { ProviderFactory } from './providers/provider.js';

export const PROVIDER_NAMES = ['sandbox', 'openai', 'anthropic', 'google', 'openrouter'] as const;

export interface ProviderHealth {
  name: string;
  /** Configured with a platform key (sandbox always is). */
  available: boolean;
  requests: number;
  errors: number;
  medianLatencyMs: number | null;
  lastErrorAt: Date | null;
}

/** Each provider's last day, from the usage events (every attempt, fallbacks included, is one). */
export class ProviderStatusReader {
  constructor(
    private readonly sql: Sql,
    private readonly providers: ProviderFactory,
  ) {}

  async status(now: Date, hours = 24): Promise<ProviderHealth[]> {
    const since = new Date(now.getTime() - hours * 3600_000);
    const rows = await this.sql.query(
      `select provider, count(*)::int as requests, count(*) filter (where status = 'error')::int as errors,
         percentile_disc(0.5) within group (order by latency_ms) filter (where status <> 'cached') as median,
         max(created_at) filter (where status = 'error') as last_error
       from usage_event where created_at >= $1 and service = 'completion' and provider is not null group by provider`,
      [since],
    );
    const byName = new Map(rows.map((r) => [r.provider as string, r]));
    return PROVIDER_NAMES.map((name) => {
      const r = byName.get(name);
      return {
        name,
        available: this.providers.platform(name)?.available ?? false,
        requests: r?.requests ?? 0,
        errors: r?.errors ?? 0,
        medianLatencyMs: r?.median ?? null,
        lastErrorAt: r?.last_error ?? null,
      };
    });
  }
}
