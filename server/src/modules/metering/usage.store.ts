import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import { nextUtcDay, utcDay } from './usage.range.js';

export interface UsageEvent {
  /** The account charged (a team's id for a team's spending). */
  userId: string;
  apiKeyId: string | null;
  /** The person who made the call (attribution; absent for records that are nobody's in particular). */
  memberId?: string | null;
  service: string;
  modelId: string | null;
  provider: string | null;
  status: 'ok' | 'error' | 'cached';
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  /** For a per-unit service (trackUsage): how many units; 0 for completions. */
  units?: bigint;
  costNano: bigint;
  markupBps: bigint;
  charged: bigint;
  /** For a cache hit: what the call would have cost. */
  saved?: bigint;
  /** Of this call's tokens, how many passed the tier's monthly allowance, what they were charged and the surcharge in that. */
  overage?: { tokens: number; charged: bigint; surcharge: bigint };
  cached: boolean;
  byok: boolean;
  latencyMs: number;
  holdId: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  response: unknown;
  /** When it happened; the database's now() when absent. Only tests and imports set it. */
  at?: Date;
}

/**
 * One statement writes the event and adds it to its day's rollup row, so the rollup can never
 * drift from the events: a statement is atomic on its own, and inside a caller's transaction it
 * commits or rolls back with it. With an idempotency key already used the insert yields no row,
 * so the rollup is left alone. The day is the event's own created_at in UTC.
 *
 * Written as two CTEs (`ev`, `rolled`) with parameters from `$first` on (the 27 of `recordParams`,
 * each cast, so they type the same in VALUES and SELECT), to stand alone (RECORD_SQL) or ride in
 * another statement (the settle's): with `gate`, the event is written only when the CTE named so
 * yields a row.
 */
export function recordCtes(first: number, gate?: string): string {
  const p = (n: number) => `$${first + n - 1}`;
  return `
  ev as (
    insert into usage_event (id, user_id, api_key_id, service, model_id, provider, status, error_code, input_tokens, output_tokens,
      cost_nano, markup_bps, charged, cached, byok, latency_ms, hold_id, idempotency_key, request_hash, response, saved, units, created_at,
      overage_tokens, overage_charged, overage_surcharge, member_id)
    ${gate ? 'select ' : 'values ('}${p(1)}::uuid, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text, ${p(7)}::text, ${p(8)}::text, ${p(9)}::int, ${p(10)}::int, ${p(11)}::bigint, ${p(12)}::int, ${p(13)}::bigint, ${p(14)}::boolean, ${p(15)}::boolean, ${p(16)}::int, ${p(17)}::uuid, ${p(18)}::text, ${p(19)}::text, ${p(20)}::jsonb, ${p(21)}::bigint, ${p(22)}::bigint, coalesce(${p(23)}::timestamptz, now()), ${p(24)}::bigint, ${p(25)}::bigint, ${p(26)}::bigint, ${p(27)}::uuid${gate ? ` where exists (select 1 from ${gate})` : ')'}
    on conflict (user_id, idempotency_key) do nothing
    returning id, user_id, created_at, service, model_id, provider, byok, status, cached, input_tokens, output_tokens, units, cost_nano, charged, saved,
      overage_tokens, overage_charged, overage_surcharge
  ), rolled as (
    insert into usage_daily as d (user_id, day, service, model_id, provider, byok, status, requests, cached_requests, error_requests, input_tokens, output_tokens, units, cost_nano, charged, saved,
      overage_tokens, overage_charged, overage_surcharge)
    select user_id, (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''), coalesce(provider, ''), byok, status, (status <> 'error')::int, cached::int,
      (status = 'error')::int, input_tokens, output_tokens, units, cost_nano, charged, saved, overage_tokens, overage_charged, overage_surcharge
    from ev
    on conflict (user_id, day, service, model_id, provider, byok, status) do update set
      requests = d.requests + excluded.requests, cached_requests = d.cached_requests + excluded.cached_requests,
      error_requests = d.error_requests + excluded.error_requests, input_tokens = d.input_tokens + excluded.input_tokens,
      output_tokens = d.output_tokens + excluded.output_tokens, units = d.units + excluded.units, cost_nano = d.cost_nano + excluded.cost_nano,
      charged = d.charged + excluded.charged, saved = d.saved + excluded.saved, overage_tokens = d.overage_tokens + excluded.overage_tokens,
      overage_charged = d.overage_charged + excluded.overage_charged, overage_surcharge = d.overage_surcharge + excluded.overage_surcharge
    returning 1
  )`;
}

const RECORD_SQL = `with ${recordCtes(1)}
  select id from ev`;

const WRAPPED = '$json';

/**
 * JSON for a jsonb column. jsonb refuses `\u0000` (NUL) and an unpaired surrogate's escape, and a
 * provider's answer may hold either (inputs are refused at the edge; answers are not ours to
 * refuse once charged). Such a value is stored as `{"$json": "<its JSON text>"}`: inside a string
 * the escape is only a backslash and letters, which jsonb takes, and `fromStoredJson` gives back
 * the exact value. Everything else is stored as itself.
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value);
  return /\\u(0000|d[89a-f])/i.test(text) ? JSON.stringify({ [WRAPPED]: text }) : text;
}

export function fromStoredJson(stored: unknown): unknown {
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    const inner = (stored as Record<string, unknown>)[WRAPPED];
    if (typeof inner === 'string' && Object.keys(stored).length === 1) return JSON.parse(inner);
  }
  return stored;
}

/**
 * Completion requests answered and tokens metered from a whole UTC day on, from the rollup alone:
 * $first the user id, $first+1 the first day. Read alone (usageSince) or inside another statement
 * (the hold's month check, CompletionUsageService.monthUsageSelect).
 */
export function completionDaysSelect(first: number): string {
  return `select coalesce(sum(requests), 0)::bigint as requests, coalesce(sum(input_tokens + output_tokens), 0)::bigint as tokens
    from usage_daily where user_id = $${first}::uuid and service = 'completion' and day >= $${first + 1}::date`;
}

/** The 27 parameters of recordCtes, in order. */
export function recordParams(e: UsageEvent): unknown[] {
  return [
    randomUUID(),
    e.userId,
    e.apiKeyId,
    e.service,
    e.modelId,
    e.provider,
    e.status,
    e.errorCode,
    e.inputTokens,
    e.outputTokens,
    e.costNano,
    Number(e.markupBps),
    e.charged,
    e.cached,
    e.byok,
    e.latencyMs,
    e.holdId,
    e.idempotencyKey,
    e.requestHash,
    e.response === undefined ? null : storableJson(e.response),
    e.saved ?? 0n,
    e.units ?? 0n,
    e.at ?? null,
    e.overage?.tokens ?? 0,
    e.overage?.charged ?? 0n,
    e.overage?.surcharge ?? 0n,
    e.memberId ?? null,
  ];
}

/** The metering record: one usage event per call, whatever its outcome, and its daily rollup. */
export class UsageStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Records an event and its rollup; with an idempotency key already used, records nothing and
   * returns null. With `tx` both are written on the caller's transaction (the ledger's `within`),
   * so they commit with the money; without, the single statement is its own transaction.
   */
  async record(e: UsageEvent, tx?: Sql): Promise<string | null> {
    const rows = await (tx ?? this.sql).query(RECORD_SQL, recordParams(e));
    return rows[0]?.id ?? null;
  }

  /**
   * Completion requests answered (by a provider or the cache) and tokens metered (every completion
   * event's tokens: an error carries tokens only when some were produced and charged) since `since`.
   * Exact and cheap: whole UTC days from the rollup, and only the part of the first day before its
   * end from the events (nothing, for a month's start).
   */
  async usageSince(userId: string, since: Date): Promise<{ requests: number; tokens: bigint }> {
    const firstWholeDay = nextUtcDay(since);
    const row = (await this.sql.query(completionDaysSelect(1), [userId, utcDay(firstWholeDay)]))[0]!;
    let requests = Number(row.requests);
    let tokens = BigInt(row.tokens);
    if (firstWholeDay.getTime() > since.getTime()) {
      const head = (
        await this.sql.query(
          `select count(*) filter (where status <> 'error') as requests, coalesce(sum(input_tokens + output_tokens), 0) as tokens
         from usage_event where user_id = $1 and service = 'completion' and created_at >= $2 and created_at < $3`,
          [userId, since, firstWholeDay],
        )
      )[0]!;
      requests += Number(head.requests);
      tokens += BigInt(head.tokens);
    }
    return { requests, tokens };
  }

  /**
   * A period's completion tokens and its overage (tokens, credits charged for them, surcharge), from
   * the daily rollup alone: the period runs over whole UTC days (docs/decisions/0020-overage.md).
   */
  async overageBetween(
    userId: string,
    fromDay: string,
    toDay: string,
  ): Promise<{ tokens: bigint; overageTokens: bigint; overageCharged: bigint; surcharge: bigint }> {
    const row = (
      await this.sql.query(
        `select coalesce(sum(input_tokens + output_tokens), 0)::text as tokens, coalesce(sum(overage_tokens), 0)::text as overage_tokens,
         coalesce(sum(overage_charged), 0)::text as overage_charged, coalesce(sum(overage_surcharge), 0)::text as surcharge
       from usage_daily where user_id = $1 and service = 'completion' and day >= $2::date and day < $3::date`,
        [userId, fromDay, toDay],
      )
    )[0]!;
    return {
      tokens: BigInt(row.tokens),
      overageTokens: BigInt(row.overage_tokens),
      overageCharged: BigInt(row.overage_charged),
      surcharge: BigInt(row.surcharge),
    };
  }

  /** Cache hit rate and credits saved: for one user, or for everyone (admin) when userId is null. */
  async cacheStats(userId: string | null): Promise<{ requests: number; hits: number; savedMicro: bigint }> {
    const row = (
      await this.sql.query(
        `select coalesce(sum(requests), 0) as requests, coalesce(sum(cached_requests), 0) as hits, coalesce(sum(saved), 0) as saved
       from usage_daily where service = 'completion' and ($1::uuid is null or user_id = $1)`,
        [userId],
      )
    )[0]!;
    return { requests: Number(row.requests), hits: Number(row.hits), savedMicro: BigInt(row.saved) };
  }

  async findByKey(userId: string, key: string): Promise<{ id: string; requestHash: string | null; status: string; response: unknown } | null> {
    const row = (
      await this.sql.query(`select id, request_hash, status, response from usage_event where user_id = $1 and idempotency_key = $2`, [userId, key])
    )[0];
    return row ? { id: row.id, requestHash: row.request_hash, status: row.status, response: fromStoredJson(row.response) } : null;
  }
}
