import { request } from 'node:http';
import type { Target } from './analytics-ops.js';

const SUMMARY_TOTALS = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) { grossRevenueUsd outstandingCredits } }`;
const FIGURES = `credits_sold, credits_granted, credits_expired, credits_clawed_back, outstanding_paid, outstanding_promotional, liability_nano,
  mrr_cents, active_subscriptions, subscriptions, test_mode`;

/**
 * The daily close, apart from the timing rounds. The summary's first call closes every ended day
 * not closed yet (docs/analytics.md); on a fresh database that is the whole history, a one-time
 * backfill that reads every day's ledger rows. The 10k database backfills all its days (timed);
 * its closes are copied into the 10M database but for the last one (the ledgers' sums are the
 * same by construction, so are the closes), whose own first call then closes that one day: the
 * cost an installation pays once a day. The two closes of that day must be equal.
 */
export async function measureClose(small: Target, large: Target): Promise<void> {
  const ms = async (t: Target) => {
    const started = process.hrtime.bigint();
    await postWithoutTimeout(t, SUMMARY_TOTALS, t.range);
    return (Number(process.hrtime.bigint() - started) / 1e6).toFixed(0);
  };
  for (const t of [small, large]) await t.pool.query('delete from analytics_daily_close');
  const backfill = await ms(small);
  const closes = (await small.pool.query('select * from analytics_daily_close order by day')).rows;
  console.log(`\ndaily close: the summary's first call on ${small.label} closes all ${closes.length} ended days (the one-time backfill): ${backfill} ms`);
  if (closes.length === 0) return;
  const copied = closes.slice(0, -1);
  await large.pool.query(`insert into analytics_daily_close select * from json_populate_recordset(null::analytics_daily_close, $1)`, [JSON.stringify(copied)]);
  const nightly = await ms(large);
  const last = closes.at(-1)!.day as Date;
  const figures = async (t: Target) => JSON.stringify((await t.pool.query(`select ${FIGURES} from analytics_daily_close where day = $1`, [last])).rows);
  const same = (await figures(small)) === (await figures(large));
  console.log(`  on ${large.label}, ${copied.length} closes copied from ${small.label}; its first call closes the last ended day itself (the nightly close): ${nightly} ms`);
  console.log(`  that day's close is the same in both databases: ${same ? 'yes' : 'NO'}`);
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
