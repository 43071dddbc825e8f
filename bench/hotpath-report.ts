import type { Counted } from './hotpath.bench.js';

/**
 * The hot-path counts as markdown (readable in a terminal, pasteable into docs/bench-hotpath.md):
 * per statement and per Redis command, calls per completion, then the totals against the goal.
 * "idle" is the same counters over an equally long window with no traffic (background jobs), shown as
 * an absolute count so a reader can tell noise from the hot path.
 */

const GOAL = { pgRoundTrips: 4, commits: 2, redisRoundTrips: 2 };
const TX_CONTROL = /^(begin|start transaction|commit|rollback|savepoint|release)\b/i;

const per = (calls: number, n: number) => (calls / n).toFixed(2);
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** One line, whitespace collapsed, long texts cut, pipes escaped for the table. */
export function shorten(sql: string, max = 110): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return (line.length > max ? `${line.slice(0, max - 1)}…` : line).replace(/\|/g, '\\|');
}

export function countsReport(n: number, run: Counted, idle: Counted): string {
  const out: string[] = [];
  const statements = [...run.pg.statements].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  out.push('', `PostgreSQL statements (pg_stat_statements, top level: one per round trip), per completion over ${n}:`, '');
  out.push('| statement (normalized) | calls / completion | idle window (calls) |', '| --- | ---: | ---: |');
  for (const [sql, calls] of statements) out.push(`| \`${shorten(sql)}\` | ${per(calls, n)} | ${idle.pg.statements.get(sql) ?? 0} |`);
  for (const [sql, calls] of idle.pg.statements) if (!run.pg.statements.has(sql)) out.push(`| \`${shorten(sql)}\` | 0.00 | ${calls} |`);

  const all = sum(run.pg.statements);
  const control = sum(new Map([...run.pg.statements].filter(([q]) => TX_CONTROL.test(q.trim()))));
  const idleAll = sum(idle.pg.statements);
  out.push('', 'Redis commands (INFO commandstats; MONITOR splits what clients sent from what scripts ran), per completion:', '');
  out.push('| command | calls / completion | sent by clients | run inside scripts | idle window (calls) |', '| --- | ---: | ---: | ---: | ---: |');
  const names = [...new Set([...run.redis.keys(), ...idle.redis.keys()])].sort((a, b) => (run.redis.get(b) ?? 0) - (run.redis.get(a) ?? 0));
  for (const c of names) {
    out.push(
      `| ${c} | ${per(run.redis.get(c) ?? 0, n)} | ${per(run.sent.get(c) ?? 0, n)} | ${per(run.inScripts.get(c) ?? 0, n)} | ${idle.redis.get(c) ?? 0} |`,
    );
  }
  out.push('', 'Redis commands sent by clients, by key (ids starred), per completion:', '');
  out.push('| command and key | calls / completion |', '| --- | ---: |');
  for (const [shape, calls] of [...run.shapes].sort((a, b) => b[1] - a[1])) out.push(`| \`${shape.replace(/\|/g, '\\|')}\` | ${per(calls, n)} |`);
  const redisAll = sum(run.redis);
  const redisSent = sum(run.sent);

  out.push('', 'Totals per completion (goal from issue 13; figures, not assertions):', '');
  out.push('| measure | per completion | net of idle window | goal |', '| --- | ---: | ---: | ---: |');
  out.push(`| PostgreSQL round trips (all top-level statements) | ${per(all, n)} | ${per(all - idleAll, n)} | ≤ ${GOAL.pgRoundTrips} |`);
  out.push(`| … of which BEGIN / COMMIT / ROLLBACK / SAVEPOINT | ${per(control, n)} | | |`);
  out.push(`| … other statements | ${per(all - control, n)} | | |`);
  out.push(`| PostgreSQL commits (pg_stat_database.xact_commit) | ${per(run.pg.commits, n)} | ${per(run.pg.commits - idle.pg.commits, n)} | ${GOAL.commits} |`);
  out.push(`| PostgreSQL rollbacks | ${per(run.pg.rollbacks, n)} | ${per(run.pg.rollbacks - idle.pg.rollbacks, n)} | 0 |`);
  out.push(`| Redis commands executed (commandstats) | ${per(redisAll, n)} | ${per(redisAll - sum(idle.redis), n)} | |`);
  out.push(
    `| Redis commands sent by clients (round trips, at most) | ${per(redisSent, n)} | ${per(redisSent - sum(idle.sent), n)} | ≤ ${GOAL.redisRoundTrips} |`,
  );
  return out.join('\n');
}
