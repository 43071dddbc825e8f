import type { Sql } from '../../platform/sql.js';
import type { RunnableProviders } from '../catalog/index.js';

export const PROVIDER_NAMES = ['sandbox', 'openai', 'anthropic', 'google', 'openrouter'] as const;

export interface ProviderHealth {
  name: string;
  /** Configured with a platform key (sandbox always is): the very answer `auto` and the model pickers go by. */
  available: boolean;
  /** How `auto` and the model pickers use it, for the admin. */
  autoUse: string;
  requests: number;
  errors: number;
  medianLatencyMs: number | null;
  lastErrorAt: Date | null;
}

/** Each provider's last day, from the usage events (every attempt, fallbacks included, is one). */
export class ProviderStatusReader {
  constructor(
    private readonly sql: Sql,
    /** The same object the catalog's availability asks (gateway.runnable.ts): the page cannot disagree with `auto`. */
    private readonly providers: Pick<RunnableProviders, 'configured' | 'takesOwnKey'>,
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
        available: this.providers.configured(name),
        autoUse: autoUse(name, this.providers),
        requests: r?.requests ?? 0,
        errors: r?.errors ?? 0,
        medianLatencyMs: r?.median ?? null,
        lastErrorAt: r?.last_error ?? null,
      };
    });
  }
}

const DISPLAY: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google', openrouter: 'OpenRouter' };

/** The rule of docs/decisions/0046-runnable-models.md, said for one provider. */
function autoUse(name: string, providers: Pick<RunnableProviders, 'configured' | 'takesOwnKey'>): string {
  if (name === 'sandbox') return 'Always on, offline. Auto uses it only for a user no other provider can serve.';
  if (providers.configured(name)) return 'Configured: auto and the model pickers offer its models to every user whose tier includes them.';
  if (providers.takesOwnKey(name)) {
    return `Not configured: its models are offered only to users who added their own ${DISPLAY[name] ?? name} key on a tier that allows it.`;
  }
  return 'Not configured: its models are not offered.';
}
