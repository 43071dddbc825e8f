import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import pg from 'pg';
import { connectDatabase, migrate } from '../server/src/platform/db.js';
import { createLogger } from '../server/src/platform/logger.js';
import { SqlPool } from '../server/src/platform/sql.js';
import { LedgerService } from '../server/src/modules/ledger/ledger.service.js';
import { APPEND_ENTRY, BURN_GRANTS, LOCK_ACCOUNT, REPLAY_ENTRY, SAVE_ACCOUNT } from '../server/src/modules/ledger/ledger.sql.js';
import { benchDatabase, report, throughput } from './support.js';

const SPEND = 1_000n; // 0.001 credit
const CONCURRENCY = 16;
const SYSTEM = { type: 'system' as const, id: null };

/**
 * Spends per second through LedgerService.spend, on one hot account (every spend waits for the
 * row lock) and spread over 1,000 accounts, each beside the very same statements (ledger.sql.ts)
 * run bare through `pg` in the same run: the ratio is what the service's checks and mapping cost.
 */
export async function ledgerBench(): Promise<void> {
  const db = await benchDatabase();
  const log = createLogger('silent');
  const orm = await connectDatabase(db.url, log);
  await migrate(orm, db.url, log);
  await orm.close(true);
  const sql = new SqlPool(db.url);
  const bare = new pg.Pool({ connectionString: db.url, max: 20 });
  const ledger = new LedgerService(sql, { balanceChanged: () => undefined, lowBalance: () => undefined });
  try {
    const users = Array.from({ length: 1001 }, () => randomUUID());
    await sql.query(`insert into app_user (id, email, password_hash) select u, u::text || '@bench', 'x' from unnest($1::uuid[]) u`, [users]);
    for (const userId of users) {
      await ledger.grant({ userId, source: 'purchase', amount: 1_000_000n * 1_000_000n, idempotencyKey: 'fund', actor: SYSTEM });
    }
    const [hot, ...many] = users as [string, ...string[]];
    const total = Number(process.env.BENCH_SPENDS ?? 4000);
    const viaService = (userId: string) => ledger.spend({ userId, amount: SPEND, idempotencyKey: randomUUID(), actor: SYSTEM, description: 'bench' });
    const viaBare = (userId: string) => bareSpend(bare, userId);
    const pick = (i: number) => many[(i * 7919) % many.length]!;
    await throughput(500, CONCURRENCY, (i) => viaService(pick(i))); // warm-up
    await throughput(500, CONCURRENCY, (i) => viaBare(pick(i)));
    const rows = [
      { name: 'hot account: same SQL bare through pg (baseline)', opsPerSec: await throughput(total, CONCURRENCY, () => viaBare(hot)) },
      { name: 'hot account: LedgerService.spend', opsPerSec: await throughput(total, CONCURRENCY, () => viaService(hot)) },
      { name: '1,000 accounts: same SQL bare through pg', opsPerSec: await throughput(total, CONCURRENCY, (i) => viaBare(pick(i))) },
      { name: '1,000 accounts: LedgerService.spend', opsPerSec: await throughput(total, CONCURRENCY, (i) => viaService(pick(i))) },
    ];
    report(`ledger: ${total} spends each, ${CONCURRENCY} in flight`, rows, 'hot account: same SQL bare through pg (baseline)');
    const ratio = (a: string, b: string) => (rows.find((r) => r.name === a)!.opsPerSec / rows.find((r) => r.name === b)!.opsPerSec).toFixed(3);
    console.log(`  service / bare, hot account:    ${ratio('hot account: LedgerService.spend', 'hot account: same SQL bare through pg (baseline)')}`);
    console.log(`  service / bare, 1,000 accounts: ${ratio('1,000 accounts: LedgerService.spend', '1,000 accounts: same SQL bare through pg')}`);
    const audit = await sql.query(
      `select count(*)::int as n from credit_account a where a.balance <> (select coalesce(sum(amount), 0) from ledger_entry e where e.account_id = a.id)`,
    );
    console.log(`  accounts whose balance differs from their entries after the run: ${audit[0]!.n}`);
  } finally {
    await bare.end();
    await sql.close();
    await db.close();
  }
}

/** One spend as the service does it, with nothing else: lock, replay check, entry, burn, save. */
async function bareSpend(pool: pg.Pool, userId: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const now = new Date();
    const account = (await client.query(LOCK_ACCOUNT, [userId, now, randomUUID()])).rows[0];
    const key = randomUUID();
    await client.query(REPLAY_ENTRY, [account.id, key]);
    const balance = BigInt(account.balance) - SPEND;
    const entryId = randomUUID();
    await client.query(APPEND_ENTRY, [entryId, account.id, 'usage', -SPEND, balance, 'system', null, null, 'bench', key, 'h', now, null, null]);
    await client.query(BURN_GRANTS, [account.id, SPEND, entryId]);
    await client.query(SAVE_ACCOUNT, [account.id, balance, account.held, false, now, account.low_balance_threshold]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
