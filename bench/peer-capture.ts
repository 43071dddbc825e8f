import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';

/**
 * The SQL Tollgate sends for one completion, with its parameters, read from PostgreSQL's own log:
 * `log_statement = 'all'` is switched on (ALTER SYSTEM + reload; running sessions pick it up before
 * their next command) only around the captured completions, then reset. Nothing here knows which
 * statements the gateway runs today: whatever the log shows is what the raw-SQL ceiling replays.
 */

export interface Statement {
  /** The text as sent (`$1` … for parameters). */
  sql: string;
  /** Parameter values as PostgreSQL logged them (text, or null for NULL). */
  params: Array<string | null>;
}

const PREFIX = '@@peer';

export class StatementLog {
  private constructor(
    private readonly admin: pg.Client,
    private readonly file: string,
    private readonly database: string,
  ) {}

  /** `adminUrl` is the private server's `postgres` database (superuser); `database` the app's. */
  static async open(adminUrl: string, database: string): Promise<StatementLog> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // private-servers.ts starts the server with `pg_ctl -l <folder>/log` and its data in <folder>/data.
    const dataDir = (await admin.query('show data_directory')).rows[0].data_directory as string;
    await admin.query(`alter system set log_line_prefix = '${PREFIX} %p %d@@ '`);
    await admin.query(`alter system set log_statement = 'all'`);
    await admin.query('alter system set log_parameter_max_length = -1');
    await admin.query('select pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 300));
    return new StatementLog(admin, join(dirname(dataDir), 'log'), database);
  }

  /** Top-level statements the app's database has executed so far (pg_stat_statements counts them at once). */
  private async calls(): Promise<number> {
    const row = (
      await this.admin.query(
        'select coalesce(sum(s.calls), 0)::bigint as n from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = $1',
        [this.database],
      )
    ).rows[0];
    return Number(row.n);
  }

  /**
   * The statements `work` made the app send. Checked against pg_stat_statements' count for the same
   * window, so a statement the log missed (or background work that slipped in) is noticed: then the
   * caller tries again.
   */
  async capture(work: () => Promise<unknown>): Promise<{ statements: Statement[]; counted: number }> {
    const from = statSync(this.file).size;
    const before = await this.calls();
    await work();
    const counted = (await this.calls()) - before;
    await new Promise((r) => setTimeout(r, 50));
    return { statements: parseLog(readFrom(this.file, from), this.database), counted };
  }

  async close(): Promise<void> {
    await this.admin.query('alter system reset log_statement');
    await this.admin.query('alter system reset log_line_prefix');
    await this.admin.query('alter system reset log_parameter_max_length');
    await this.admin.query('select pg_reload_conf()');
    await this.admin.end();
  }
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  const buf = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, offset);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

/**
 * The stderr log: a record starts with our prefix; a message's own newlines are followed by a tab.
 * `LOG:  statement: …` (simple protocol) and `LOG:  execute <name>: …` (extended) are statements;
 * the `DETAIL:  parameters: $1 = '…', $2 = NULL` after an execute belongs to it (same pid).
 */
export function parseLog(text: string, database: string): Statement[] {
  const records: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(PREFIX)) records.push(line);
    else if (records.length && line.startsWith('\t')) records[records.length - 1] += `\n${line.slice(1)}`;
  }
  const out: Statement[] = [];
  const lastByPid = new Map<string, Statement>();
  for (const record of records) {
    const m = /^@@peer (\d+) ([^@]*)@@ ([A-Z]+):  ([\s\S]*)$/.exec(record);
    if (!m || m[2] !== database) continue;
    const [, pid, , level, message] = m as unknown as [string, string, string, string, string];
    const stmt = /^(?:statement|execute [^:]*): ([\s\S]*)$/.exec(message);
    if (level === 'LOG' && stmt) {
      const s: Statement = { sql: stmt[1]!.trim(), params: [] };
      out.push(s);
      lastByPid.set(pid, s);
    } else if (level === 'DETAIL' && message.startsWith('parameters: ')) {
      const s = lastByPid.get(pid);
      if (s) s.params = parseParams(message.slice('parameters: '.length));
    }
  }
  return out;
}

/** `$1 = 'it''s', $2 = NULL` → ["it's", null] (in $n order). */
function parseParams(text: string): Array<string | null> {
  const params: Array<string | null> = [];
  for (const m of text.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) {
    params[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3]!.replace(/''/g, "'");
  }
  return params;
}
