import pg from 'pg';

interface Captured {
  text: string;
  values: unknown[];
}

/**
 * Records the statements the server sends to one database while `fn` runs: the app runs in this
 * process on the same `pg` module, so wrapping Client.prototype.query sees every query of its
 * pools (raw SQL and the ORM's alike) with its parameters, exactly as sent.
 */
export async function captureStatements(database: string, fn: () => Promise<unknown>): Promise<Captured[]> {
  const proto = pg.Client.prototype as any;
  const original = proto.query;
  const seen: Captured[] = [];
  proto.query = function (this: any, config: any, values?: any, callback?: any) {
    if (this.connectionParameters?.database === database) {
      const text = typeof config === 'string' ? config : config?.text;
      const params = Array.isArray(values) ? values : (config?.values ?? []);
      if (typeof text === 'string') seen.push({ text, values: params });
    }
    return original.call(this, config, values, callback);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

export interface Explained {
  statement: string;
  ms: number;
  /** Rows each table's scans returned (actual rows × loops), by table. */
  scanned: Record<string, number>;
  sharedBlocks: number;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each captured data statement, inside a transaction rolled back
 * (ANALYZE runs the statement: a lazy daily close's insert must not stay). Transaction control
 * and session settings are skipped.
 */
export async function explainAll(url: string, statements: Captured[]): Promise<Explained[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: Explained[] = [];
  try {
    for (const s of statements) {
      if (!/^\s*(with|select|insert|update|delete)\b/i.test(s.text)) continue;
      await client.query('begin');
      try {
        const res = await client.query(`explain (analyze, buffers, format json) ${s.text}`, s.values as unknown[]);
        const plan = (res.rows[0] as any)['QUERY PLAN'][0];
        const scanned: Record<string, number> = {};
        walk(plan.Plan, scanned);
        out.push({ statement: oneLine(s.text), ms: plan['Execution Time'], scanned, sharedBlocks: blocks(plan.Plan) });
      } finally {
        await client.query('rollback');
      }
    }
  } finally {
    await client.end();
  }
  return out;
}

function walk(node: any, scanned: Record<string, number>): void {
  if (node['Relation Name']) {
    const rows = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
    scanned[node['Relation Name']] = (scanned[node['Relation Name']] ?? 0) + rows;
  }
  for (const child of node.Plans ?? []) walk(child, scanned);
}

const blocks = (node: any) => (node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
