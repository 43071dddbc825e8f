import pg from 'pg';
import { diffCounts, diffPg, PgCounters, RedisMonitor, redisCommandStats } from './hotpath-counters.js';
import { StatementLog, type Statement } from './peer-capture.js';
import { aligned } from './peer-pgbench.js';

/** The two measuring steps of `pnpm bench peer` that read the servers' own records: capture and counting. */

export const DATABASE = 'tollgate_peer';

/**
 * Two completions of account 0 (a1, a2: what varies per completion) and one of every account (the
 * account's own values), each checked against pg_stat_statements' count and against a1's statement
 * texts; a capture that disagrees (background work slipped in, a cache refreshed) is taken again.
 */
export async function captureStatements(adminUrl: string, secrets: string[], one: (key: string) => Promise<unknown>) {
  const log = await StatementLog.open(adminUrl, DATABASE);
  try {
    const take = async (key: string, like?: Statement[]): Promise<Statement[]> => {
      let last = '';
      for (let attempt = 0; attempt < 8; attempt++) {
        const { statements, counted } = await log.capture(() => one(key));
        if (statements.length === counted && (!like || aligned(like, statements))) return statements;
        last = `${statements.length} logged, ${counted} counted:\n${statements.map((s) => `  ${s.sql.slice(0, 120)}`).join('\n')}`;
      }
      throw new Error(`could not capture one completion's statements cleanly in 8 tries; the last try: ${last}`);
    };
    // The common shape: the first two captures of account 0 that agree (an occasional read, such as
    // the auto-recharge settings on about one call in nine, makes a capture the odd one out).
    const seen: Statement[][] = [];
    let pair: [Statement[], Statement[]] | undefined;
    while (!pair && seen.length < 10) {
      const next = await take(secrets[0]!);
      const match = seen.find((s) => aligned(s, next));
      if (match) pair = [match, next];
      seen.push(next);
    }
    if (!pair) throw new Error('no two captured completions of one account ran the same statements in 10 tries');
    const [a1, a2] = pair;
    const mine: Statement[][] = [];
    for (const key of secrets) mine.push(await take(key, a1));
    return { a1, a2, mine };
  } finally {
    await log.close();
  }
}

/** Per-completion counts over one window of Tollgate traffic (many accounts), from PostgreSQL and Redis themselves. */
export async function countingWindow(adminUrl: string, redisPort: number, work: () => Promise<{ completed: number }>) {
  const counters = await PgCounters.open(adminUrl, DATABASE);
  const monitor = new RedisMonitor(redisPort);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const reader = diffCounts(await redisCommandStats(redisPort), await redisCommandStats(redisPort));
    const pgBefore = await counters.snapshot();
    const rowsBefore = await rowsOf(adminUrl, 'postgres');
    monitor.reset();
    const redisBefore = await redisCommandStats(redisPort);
    const { completed } = await work();
    const redisAfter = await redisCommandStats(redisPort);
    const sent = [...monitor.sent.entries()].filter(([c]) => c !== 'info').reduce((n, [, v]) => n + v, 0);
    const rows = (await rowsOf(adminUrl, 'postgres')) - rowsBefore;
    const pg = diffPg(pgBefore, await counters.snapshot());
    const executed = [...diffCounts(redisBefore, redisAfter, reader).values()].reduce((a, b) => a + b, 0);
    const statements = [...pg.statements.values()].reduce((a, b) => a + b, 0);
    console.log(`\ncounting window: ${completed} completions through Tollgate (${DATABASE}: ${statements} statements, ${pg.commits} commits)`);
    return {
      statements: statements / completed,
      commits: pg.commits / completed,
      redisExecuted: executed / completed,
      redisSent: sent / completed,
      rows: rows / completed,
    };
  } finally {
    monitor.stop();
    await counters.close();
  }
}

/** Rows read or written so far by `role`'s statements in the bench database (pg_stat_statements). */
export async function rowsOf(adminUrl: string, role: string): Promise<number> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const row = (
      await c.query(
        `select coalesce(sum(s.rows), 0)::bigint as n from pg_stat_statements s join pg_database d on d.oid = s.dbid
       join pg_roles r on r.oid = s.userid where d.datname = $1 and r.rolname = $2`,
        [DATABASE, role],
      )
    ).rows[0];
    return Number(row.n);
  } finally {
    await c.end();
  }
}
