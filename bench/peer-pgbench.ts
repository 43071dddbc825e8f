import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Statement } from './peer-capture.js';

/**
 * The raw-SQL ceiling: pgbench replaying exactly the statements of one Tollgate completion.
 *
 * From three captured completions, a script per account: `a1` and `a2` are two completions of the
 * same account, `mine` one of the account the script is for (all three aligned statement by
 * statement). A parameter equal in a1 and a2 belongs to the account (its ids, the model, the
 * month): the script uses `mine`'s value. One that differs is per completion: a timestamp becomes
 * `now()` plus its offset from the completion's first timestamp; a UUID that appears nowhere in a2
 * (an id or idempotency key made for that call), alone or inside a string, becomes a fresh one per
 * transaction, built from two pgbench random variables (digits are hex digits) and the UUID's index,
 * so the same value recurs where the app reused it (the hold id, say); anything else keeps a1's.
 * Values are inlined as quoted literals (untyped, like node-postgres's parameters) and run with
 * `-M simple`: one round trip per statement, as the app's unnamed extended-protocol statements.
 */

const run = promisify(execFile);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** Same statements in the same order (texts and parameter counts)? */
export function aligned(a: Statement[], b: Statement[]): boolean {
  return a.length === b.length && a.every((s, i) => s.sql === b[i]!.sql && s.params.length === b[i]!.params.length);
}

/** A logged timestamp in ms: node-postgres sends `2026-12-05T02:41:00.123+00:00`; PostgreSQL may print `… +00`. */
const timeOf = (v: string) => Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function pgbenchScript(a1: Statement[], a2: Statement[], mine: Statement[]): string {
  const seenInA2 = new Set(a2.flatMap((s) => s.params.flatMap((p) => (p ?? '').toLowerCase().match(UUID) ?? [])));
  const fresh = new Map<string, string>();
  const freshUuid = (u: string) => {
    const key = u.toLowerCase();
    if (!fresh.has(key)) fresh.set(key, `:peer_t-${String(fresh.size).padStart(4, '0')}-4000-8000-:peer_r`);
    return fresh.get(key)!;
  };
  const firstTime = a1.flatMap((s) => s.params).find((p) => p !== null && TIMESTAMP.test(p));
  const base = firstTime ? timeOf(firstTime) : 0;
  const literal = (i: number, j: number): string => {
    const v1 = a1[i]!.params[j] ?? null;
    const v2 = a2[i]!.params[j] ?? null;
    const own = mine[i]!.params[j] ?? null;
    if (v1 === v2) return own === null ? 'NULL' : quote(own);
    if (v1 === null) return own === null ? 'NULL' : quote(own);
    if (TIMESTAMP.test(v1)) return `(now() + interval '${timeOf(v1) - base} milliseconds')`;
    const replaced = v1.replace(UUID, (u) => (seenInA2.has(u.toLowerCase()) ? u : freshUuid(u)));
    return quote(replaced);
  };
  const lines = ['\\set peer_t random(10000000, 99999999)', '\\set peer_r random(100000000000, 999999999999)'];
  a1.forEach((s, i) => {
    lines.push(`${s.sql.replace(/\$(\d+)(?!\d)/g, (_, n: string) => literal(i, Number(n) - 1)).replace(/;\s*$/, '')};`);
  });
  return `${lines.join('\n')}\n`;
}

/** pgbench of the newest PostgreSQL under /usr/lib/postgresql, or of HOTPATH_PG_BIN (as private-servers.ts picks the server). */
function pgbenchBin(): string {
  if (process.env.HOTPATH_PG_BIN) return join(process.env.HOTPATH_PG_BIN, 'pgbench');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return join(root, versions[0] ?? '15', 'bin', 'pgbench');
}

export interface PgbenchResult {
  transactions: number;
  tps: number;
  /** Per-transaction latencies in ms (only when asked for). */
  latencies: number[];
}

/**
 * Writes the scripts (one per account, equal weights: each transaction picks an account at random,
 * as the load generator spreads completions over accounts) and returns a runner. pgbench's own
 * connection time is excluded from its tps. A failed transaction or an aborted client throws.
 */
export function pgbenchRunner(url: string, scripts: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-peer-pgbench-'));
  const files = scripts.map((text, i) => {
    const file = join(dir, `account-${i}.sql`);
    writeFileSync(file, text);
    return file;
  });
  const u = new URL(url);
  const conn = ['-h', u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username), u.pathname.slice(1)];
  return {
    dir,
    run: async (clients: number, seconds: number, withLatencies: boolean, only?: number): Promise<PgbenchResult> => {
      const prefix = join(dir, `log-${Date.now()}`);
      const scriptArgs = (only === undefined ? files : [files[only]!]).flatMap((f) => ['-f', `${f}@1`]);
      const args = [
        '-n',
        '-M',
        'simple',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(Math.max(1, Math.round(seconds))),
        ...(withLatencies ? ['-l', '--log-prefix', prefix] : []),
        ...scriptArgs,
        ...conn,
      ];
      const { stdout } = await run(pgbenchBin(), args, { maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`pgbench failed: ${err.message}\n${err.stdout ?? ''}\n${(err.stderr ?? '').slice(-3000)}`);
      });
      const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
      if (failed > 0) throw new Error(`pgbench: ${failed} failed transactions\n${stdout}`);
      const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? NaN);
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? NaN);
      const latencies: number[] = [];
      if (withLatencies) {
        for (const f of readdirSync(dir).filter((n) => join(dir, n).startsWith(prefix))) {
          for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
            const us = Number(line.split(' ')[2]);
            if (line && Number.isFinite(us)) latencies.push(us / 1000);
          }
          rmSync(join(dir, f));
        }
      }
      return { transactions, tps, latencies };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
