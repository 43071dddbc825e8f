import { request } from 'node:http';
import type { Target } from './analytics-ops.js';

const SUMMARY_TOTALS = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) { grossRevenueUsd outstandingCredits } }`;
const FIGURES = `credits_sold, credits_granted, credits_expired, credits_clawed_back, outstanding_paid, outstanding_promotional, liability_nano,
  mrr_cents, active_subscriptions, subscriptions, test_mode`;

/**
 * The daily close, apart from the timing rounds. The summary's first call closes every ended day
 * not closed yet (docs/analytics.md); on a fresh database that is the whole history, a one-time
 * backfill in which each day reads its own ledger rows once. The stored closes are deleted first
 * (a --reuse'd database kept them), each database backfills (timed: at 10M its time grows with
 * the ledger, which is what a day's close reads; per day it is what an installation pays once a
 * day), and every close must be the same in both databases (the ledgers' sums are the same).
 */
export async function measureClose(small: Target, large: Target): Promise<void> {
  const ms = async (t: Target) => {
    const started = process.hrtime.bigint();
    await postWithoutTimeout(t, SUMMARY_TOTALS, t.range);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const closes = async (t: Target) => (await t.pool.query(`select day, ${FIGURES} from analytics_daily_close order by day`)).rows;
  console.log("\ndaily close: the summary's first call closes every ended day (the one-time backfill; a day's close reads that day's ledger rows)");
  for (const t of [small, large]) {
    await t.pool.query('delete from analytics_close_grant');
    await t.pool.query('delete from analytics_daily_close');
    const took = await ms(t);
    const days = (await closes(t)).length;
    console.log(`  ${t.label}: ${days} days closed in ${took.toFixed(0)} ms (${(took / Math.max(1, days)).toFixed(1)} ms a day)`);
  }
  const same = JSON.stringify(await closes(small)) === JSON.stringify(await closes(large));
  console.log(`  every close is the same in both databases: ${same ? 'yes' : 'NO'}`);
}

/** POST /graphql with node:http: fetch gives up after 300 s without headers, and a backfill may take longer. */
function postWithoutTimeout(t: Target, query: string, variables: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => (/"errors"/.test(body) || res.statusCode !== 200 ? reject(new Error(`summary failed: ${body.slice(0, 300)}`)) : resolve()));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}
