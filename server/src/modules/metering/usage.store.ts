import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';

export interface UsageEvent {
  userId: string;
  apiKeyId: string | null;
  service: string;
  modelId: string | null;
  provider: string | null;
  status: 'ok' | 'error' | 'cached';
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  costNano: bigint;
  markupBps: bigint;
  charged: bigint;
  /** For a cache hit: what the call would have cost. */
  saved?: bigint;
  cached: boolean;
  byok: boolean;
  latencyMs: number;
  holdId: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  response: unknown;
}

/** The metering record: one usage event per call, whatever its outcome. */
export class UsageStore {
  constructor(private readonly sql: Sql) {}

  /** Records an event; with an idempotency key already used, records nothing and returns null. */
  async record(e: UsageEvent): Promise<string | null> {
    const rows = await this.sql.query(
      `insert into usage_event (id, user_id, api_key_id, service, model_id, provider, status, error_code, input_tokens, output_tokens,
         cost_nano, markup_bps, charged, cached, byok, latency_ms, hold_id, idempotency_key, request_hash, response, saved)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       on conflict (user_id, idempotency_key) do nothing returning id`,
      [
        randomUUID(), e.userId, e.apiKeyId, e.service, e.modelId, e.provider, e.status, e.errorCode, e.inputTokens, e.outputTokens,
        e.costNano, Number(e.markupBps), e.charged, e.cached, e.byok, e.latencyMs, e.holdId, e.idempotencyKey, e.requestHash,
        e.response === undefined ? null : JSON.stringify(e.response),
        e.saved ?? 0n,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Requests and tokens metered for the user since `since` (successful and cached calls). */
  async usageSince(userId: string, since: Date): Promise<{ requests: number; tokens: bigint }> {
    const row = (await this.sql.query(
      `select count(*)::int as requests, coalesce(sum(input_tokens + output_tokens), 0) as tokens
       from usage_event where user_id = $1 and created_at >= $2 and status in ('ok', 'cached') and service = 'completion'`,
      [userId, since],
    ))[0]!;
    return { requests: row.requests, tokens: BigInt(row.tokens) };
  }

  /** Cache hit rate and credits saved: for one user, or for everyone (admin) when userId is null. */
  async cacheStats(userId: string | null): Promise<{ requests: number; hits: number; savedMicro: bigint }> {
    const row = (await this.sql.query(
      `select count(*)::int as requests, count(*) filter (where cached)::int as hits, coalesce(sum(saved), 0) as saved
       from usage_event where service = 'completion' and status in ('ok', 'cached') and ($1::uuid is null or user_id = $1)`,
      [userId],
    ))[0]!;
    return { requests: row.requests, hits: row.hits, savedMicro: BigInt(row.saved) };
  }

  async findByKey(userId: string, key: string): Promise<{ requestHash: string | null; status: string; response: unknown } | null> {
    const row = (await this.sql.query(`select request_hash, status, response from usage_event where user_id = $1 and idempotency_key = $2`, [userId, key]))[0];
    return row ? { requestHash: row.request_hash, status: row.status, response: row.response } : null;
  }
}
