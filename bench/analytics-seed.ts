import type pg from 'pg';
import { DAYS, KEYS, seedKey, SLOTS_PER_DAY, tierOf, UNIT_SCALE, USERS, userId } from './analytics-shape.js';

/** Events per INSERT … SELECT generate_series statement (each its own transaction, so a stopped seed resumes). */
export const BATCH = 500_000;
const DAY_MS = 86_400_000;

/** Steps done, kept in the bench database itself: `--reuse` skips what is there. */
export async function stepsDone(c: pg.Pool): Promise<Set<string>> {
  await c.query('create table if not exists bench_seed_step (name text primary key, seconds numeric not null)');
  return new Set((await c.query<{ name: string }>('select name from bench_seed_step')).rows.map((r) => r.name));
}

export async function markStep(c: pg.PoolClient | pg.Pool, name: string, seconds: number): Promise<void> {
  await c.query('insert into bench_seed_step (name, seconds) values ($1, $2) on conflict (name) do nothing', [name, seconds.toFixed(3)]);
}

/** The USERS users (ids fixed by analytics-shape.ts) and the KEYS rollup keys with one large-database event's figures. */
export async function seedUsersAndKeys(c: pg.Pool, today: Date, now: Date): Promise<void> {
  const users = Array.from({ length: USERS }, (_, u) => u);
  await c.query(
    `insert into app_user (id, email, password_hash, tier_code, created_at)
     select id, 'analytics-bench-' || n || '@tollgate.local', 'not-a-hash', tier, $4::timestamptz
     from unnest($1::uuid[], $2::int[], $3::text[]) as t (id, n, tier) on conflict (id) do nothing`,
    [users.map(userId), users, users.map(tierOf), dayStart(today, 0)],
  );
  await c.query(`create table if not exists bench_seed_key (k int primary key, user_id uuid not null, model_id text not null, provider text not null,
    status text not null, byok boolean not null, input_tokens int not null, output_tokens int not null, cost_nano bigint not null,
    charged bigint not null, saved bigint not null, day_start timestamptz not null, span_ms bigint not null)`);
  const keys = Array.from({ length: KEYS }, (_, k) => seedKey(k));
  // Today's events fall between midnight and now: nothing is recorded in the future.
  const span = (day: number) => Math.min(DAY_MS, Math.max(1000, now.getTime() - dayStart(today, day).getTime() - 60_000));
  const col = <T>(f: (k: ReturnType<typeof seedKey>) => T) => keys.map(f);
  await c.query(
    `insert into bench_seed_key select * from unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[], $8::int[],
       $9::bigint[], $10::bigint[], $11::bigint[], $12::timestamptz[], $13::bigint[]) on conflict (k) do nothing`,
    [
      col((k) => k.k),
      col((k) => userId(k.user)),
      col((k) => k.modelId),
      col((k) => k.provider),
      col((k) => k.status),
      col((k) => k.byok),
      col((k) => k.inputTokens),
      col((k) => k.outputTokens),
      col((k) => k.costNano.toString()),
      col((k) => k.charged.toString()),
      col((k) => k.saved.toString()),
      col((k) => dayStart(today, k.day)),
      col((k) => span(k.day)),
    ],
  );
}

/**
 * Batch b of the usage events: event n belongs to key (n / (200·E))·200 + n % 200 (E events per
 * key), so the events come day by day, interleaved across users the way calls arrive, with
 * created_at spread over the day. Ids are ordered (like UUIDv7) so the primary key fills in order.
 */
export async function seedEventBatch(c: pg.Pool, perKey: number, b: number): Promise<number> {
  const total = KEYS * perKey;
  const lo = b * BATCH;
  const hi = Math.min(total, lo + BATCH);
  const perDay = SLOTS_PER_DAY * perKey;
  const scale = UNIT_SCALE / perKey;
  const client = await c.connect();
  try {
    await client.query('begin');
    const res = await client.query(
      `insert into usage_event (id, user_id, service, model_id, provider, status, error_code, input_tokens, output_tokens, cost_nano, markup_bps,
         charged, cached, byok, latency_ms, saved, created_at)
       select lpad(to_hex(n), 32, '0')::uuid, k.user_id, 'completion', k.model_id, k.provider, k.status,
         case when k.status = 'error' then 'provider_error' end, k.input_tokens * $4, k.output_tokens * $4, k.cost_nano * $4,
         case when k.byok then 0 else 500 end, k.charged * $4, k.status = 'cached', k.byok, 150 + n % 2000, k.saved * $4,
         k.day_start + ((n % $3) * k.span_ms / $3) * interval '1 millisecond'
       from generate_series($1::bigint, $2::bigint - 1) n
       join bench_seed_key k on k.k = (n / $3) * ${SLOTS_PER_DAY} + n % ${SLOTS_PER_DAY}`,
      [lo, hi, perDay, scale],
    );
    await markStep(client, `events:${b}`, 0);
    await client.query('commit');
    return res.rowCount ?? 0;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The rollup, in one statement from the events: the very grouping the server's migration 19
 * rebuilds it with, and what usage.store.ts's per-event upsert adds up to.
 */
export async function seedRollup(c: pg.Pool): Promise<number> {
  const res = await c.query(`
    insert into usage_daily (user_id, day, service, model_id, provider, byok, status, requests, cached_requests, error_requests, input_tokens,
      output_tokens, units, cost_nano, charged, saved, overage_tokens, overage_charged, overage_surcharge)
    select user_id, (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''), coalesce(provider, ''), byok, status,
      count(*) filter (where status <> 'error'), count(*) filter (where cached), count(*) filter (where status = 'error'),
      sum(input_tokens), sum(output_tokens), sum(units), sum(cost_nano), sum(charged), sum(saved),
      sum(overage_tokens), sum(overage_charged), sum(overage_surcharge)
    from usage_event group by 1, 2, 3, 4, 5, 6, 7`);
  return res.rowCount ?? 0;
}

export function dayStart(today: Date, day: number): Date {
  return new Date(today.getTime() - (DAYS - 1 - day) * DAY_MS);
}
