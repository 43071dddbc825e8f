import { spawn } from 'node:child_process';
import pg from 'pg';
import { redisCli } from './private-servers.js';

/**
 * Counters read from the servers themselves, before and after a run: what PostgreSQL executed and
 * committed for one database, and what Redis executed. Reads go through a connection to another
 * database (`postgres`) and through redis-cli, so the reader's own traffic is not in the figures
 * (Redis's is measured with an empty diff and subtracted).
 */

export interface PgSnapshot {
  /** Calls per normalized statement text (top-level statements: one per round trip). */
  statements: Map<string, number>;
  commits: number;
  rollbacks: number;
}

export class PgCounters {
  private constructor(
    private readonly admin: pg.Client,
    private readonly database: string,
  ) {}

  /** `adminUrl` is the server's `postgres` database; `database` is the one the app uses. */
  static async open(adminUrl: string, database: string): Promise<PgCounters> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('create extension if not exists pg_stat_statements');
    return new PgCounters(admin, database);
  }

  async snapshot(): Promise<PgSnapshot> {
    await this.settle();
    const rows = (
      await this.admin.query(
        `select s.query, sum(s.calls)::bigint as calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
       where d.datname = $1 group by s.query`,
        [this.database],
      )
    ).rows;
    const db = (await this.admin.query('select xact_commit, xact_rollback from pg_stat_database where datname = $1', [this.database])).rows[0];
    return { statements: new Map(rows.map((r) => [r.query as string, Number(r.calls)])), commits: Number(db.xact_commit), rollbacks: Number(db.xact_rollback) };
  }

  /**
   * pg_stat_statements is exact at once; pg_stat_database is not: a backend that flushed its counters
   * less than a second ago keeps new ones pending until a timer fires, at most 10 s after it went
   * idle (PostgreSQL's PGSTAT_IDLE_INTERVAL). Waiting 11 s after the work is therefore enough; waiting
   * for the count to hold still is not possible while background jobs keep committing.
   */
  private async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 11_000));
    await this.admin.query('select pg_stat_clear_snapshot()');
  }

  close(): Promise<void> {
    return this.admin.end();
  }
}

export function diffPg(before: PgSnapshot, after: PgSnapshot): PgSnapshot {
  const statements = new Map<string, number>();
  for (const [q, calls] of after.statements) {
    const d = calls - (before.statements.get(q) ?? 0);
    if (d > 0) statements.set(q, d);
  }
  return { statements, commits: after.commits - before.commits, rollbacks: after.rollbacks - before.rollbacks };
}

/** Calls per command from `INFO commandstats` (`cmdstat_evalsha:calls=3,…`). */
export async function redisCommandStats(port: number): Promise<Map<string, number>> {
  const out = await redisCli(port, 'info', 'commandstats');
  const stats = new Map<string, number>();
  for (const m of out.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) stats.set(m[1]!, Number(m[2]));
  return stats;
}

export function diffCounts(before: Map<string, number>, after: Map<string, number>, minus = new Map<string, number>()): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0) - (minus.get(k) ?? 0);
    if (d > 0) out.set(k, d);
  }
  return out;
}

/**
 * MONITOR on the private Redis: INFO commandstats also counts the commands a Lua script runs, which
 * are no round trips; MONITOR marks those `[db lua]`, so we can tell what clients sent from what
 * scripts did. Counts per command in each group.
 */
export class RedisMonitor {
  readonly sent = new Map<string, number>();
  readonly inScripts = new Map<string, number>();
  /** What clients sent, by command and key shape (ids and hashes starred): which concern sent it. */
  readonly shapes = new Map<string, number>();
  private readonly child;
  private buffer = '';

  constructor(port: number) {
    this.child = spawn('redis-cli', ['-p', String(port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString();
      const lines = this.buffer.split('\n');
      this.buffer = lines.pop() ?? '';
      for (const line of lines) this.line(line);
    });
  }

  private line(line: string): void {
    const m = /^\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
    if (!m) return;
    const args = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => a[1]!);
    const lua = m[1] === 'lua';
    const name = (args[0] ?? '').toLowerCase();
    tally(lua ? this.inScripts : this.sent, name);
    if (lua || name === 'info') return;
    // evalsha/eval: script, key count, then the key.
    const key = name === 'evalsha' || name === 'eval' ? args[3] : args[1];
    tally(this.shapes, `${name} ${(key ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{16,}|\d+/gi, '*')}`.trim());
  }

  /** Empties the tallies (call once the monitor is attached, before the measured window). */
  reset(): void {
    this.sent.clear();
    this.inScripts.clear();
    this.shapes.clear();
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

function tally(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
