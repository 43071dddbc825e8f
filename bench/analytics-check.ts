import pg from 'pg';
import { UsageStore } from '../server/src/modules/metering/usage.store.js';
import { SqlPool } from '../server/src/platform/sql.js';
import type { BenchDb } from './analytics-db.js';
import { seedKey, userId } from './analytics-shape.js';

export interface SeedCheck {
  events: number;
  rollupRows: number;
  /** Σ of every figure over the events and over the rollup, as text: equal when the rollup is the events'. */
  eventSums: string;
  rollupSums: string;
  /**
   * md5 of every rollup row in key order, its request counts left out (they count the events):
   * equal across the two databases when the shape is the same.
   */
  rollupDigest: string;
  /** One event recorded by the server's own UsageStore (rolled back) lands on an existing row, adding exactly itself. */
  perEventWriteMatches: boolean;
  ledgerEntries: number;
  grants: number;
  payments: number;
  sizeBytes: number;
}

const SUMS = `count(*) filter (where status <> 'error')::text || ' ' || count(*) filter (where cached) || ' ' || count(*) filter (where status = 'error')
  || ' ' || sum(input_tokens) || ' ' || sum(output_tokens) || ' ' || sum(cost_nano) || ' ' || sum(charged) || ' ' || sum(saved)`;
const ROLLUP_SUMS = `sum(requests)::text || ' ' || sum(cached_requests) || ' ' || sum(error_requests) || ' ' || sum(input_tokens) || ' ' || sum(output_tokens)
  || ' ' || sum(cost_nano) || ' ' || sum(charged) || ' ' || sum(saved)`;

/** What was seeded, and the checks that the rollup is what per-event writes would have made. */
export async function checkSeed(db: BenchDb): Promise<SeedCheck> {
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const one = async <T = any>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows[0] as T;
  try {
    const events = Number((await one(`select count(*) as n from usage_event`)).n);
    const eventSums = (await one(`select ${SUMS} as s from usage_event`)).s as string;
    const rollupSums = (await one(`select ${ROLLUP_SUMS} as s from usage_daily`)).s as string;
    const rollupRows = Number((await one(`select count(*) as n from usage_daily`)).n);
    const rollupDigest = (
      await one(`select md5(string_agg(concat_ws(',', user_id, day, service, model_id, provider, byok, status, input_tokens, output_tokens, units, cost_nano,
      charged, saved, overage_tokens, overage_charged, overage_surcharge), '|' order by user_id, day, service, model_id, provider, byok, status)) as h from usage_daily`)
    ).h as string;
    const counts = await one(`select (select count(*)::int from ledger_entry) as e, (select count(*)::int from credit_grant) as g,
      (select count(*)::int from payment) as p, pg_database_size(current_database())::bigint as size`);
    return {
      events,
      rollupRows,
      eventSums,
      rollupSums,
      rollupDigest,
      perEventWriteMatches: await perEventWrite(db, pool),
      ledgerEntries: counts.e,
      grants: counts.g,
      payments: counts.p,
      sizeBytes: Number(counts.size),
    };
  } finally {
    await pool.end();
  }
}

/**
 * Key 0's event, written by the server's UsageStore.record inside a transaction that is then rolled
 * back: its rollup row must exist already (the bulk rollup used the same key) and grow by exactly
 * one event of the large database's, and no other row may appear.
 */
async function perEventWrite(db: BenchDb, pool: pg.Pool): Promise<boolean> {
  const k = seedKey(0);
  const dayStart = (await pool.query(`select day_start from bench_seed_key where k = 0`)).rows[0].day_start as Date;
  const row = `select count(*) over () as rows, requests, input_tokens, cost_nano, charged from usage_daily
    where user_id = $1 and day = ($2::timestamptz at time zone 'UTC')::date and model_id = $3 and provider = $4 and byok = $5 and status = $6`;
  const params = [userId(k.user), dayStart, k.modelId, k.provider, k.byok, k.status];
  const sql = new SqlPool(db.url, 1);
  const rollback = new Error('rollback');
  let ok = false;
  try {
    const before = (await pool.query(row, params)).rows[0];
    const total = Number((await pool.query('select count(*) as n from usage_daily')).rows[0].n);
    await sql
      .transaction(async (tx) => {
        const store = new UsageStore(tx as SqlPool);
        await store.record(
          {
            userId: userId(k.user),
            apiKeyId: null,
            service: 'completion',
            modelId: k.modelId,
            provider: k.provider,
            status: k.status,
            errorCode: null,
            inputTokens: k.inputTokens,
            outputTokens: k.outputTokens,
            costNano: k.costNano,
            markupBps: 500n,
            charged: k.charged,
            saved: k.saved,
            cached: k.status === 'cached',
            byok: k.byok,
            latencyMs: 1,
            holdId: null,
            idempotencyKey: null,
            requestHash: null,
            response: null,
            at: dayStart,
          },
          tx,
        );
        const after = (await tx.query(row, params))[0]!;
        const totalAfter = Number((await tx.query('select count(*) as n from usage_daily'))[0]!.n);
        ok =
          before !== undefined &&
          totalAfter === total &&
          Number(after.requests) === Number(before.requests) + 1 &&
          BigInt(after.cost_nano) - BigInt(before.cost_nano) === k.costNano &&
          BigInt(after.charged) - BigInt(before.charged) === k.charged &&
          Number(after.input_tokens) - Number(before.input_tokens) === k.inputTokens;
        throw rollback;
      })
      .catch((err) => {
        if (err !== rollback) throw err;
      });
  } finally {
    await sql.close();
  }
  return ok;
}
