import { availableParallelism } from 'node:os';
import type { CpuGroup, CpuRound } from './peer-cpu.js';

/** The closing tables of `pnpm bench peer`: figures per contender, then the goals as PASS/MISS (never asserted). */

export interface PeerFigures {
  latency: { direct: number; tollgate: number; portkey: number; sql: number };
  rate: { direct: number; tollgate: number; hot: number; portkey: number; sql: number };
  accounts: number;
  inFlight: number;
  rounds: number;
  /** Per Tollgate completion, from the servers' own counters (the counting window). */
  counts: { statements: number; commits: number; redisExecuted: number; redisSent: number; rows: number };
  /** The ceiling's script: statements per transaction, and rows touched per transaction (pg_stat_statements). */
  ceiling: { statements: number; rows: number };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const rate = (x: number) => `${x.toFixed(0)}/s`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

export function peerTables(f: PeerFigures): string {
  const added = (x: number) => x - f.latency.direct;
  const figures = [
    `| measure | direct to fake | Tollgate, ${f.accounts} accounts | Tollgate, 1 hot account | Portkey gateway (no accounting) | raw SQL of Tollgate's statements (pgbench) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| median latency, 1 in flight | ${ms(f.latency.direct)} | ${ms(f.latency.tollgate)} | | ${ms(f.latency.portkey)} | ${ms(f.latency.sql)} |`,
    `| added latency over direct | | ${ms(added(f.latency.tollgate))} | | ${ms(added(f.latency.portkey))} | |`,
    `| completions/s, ${f.inFlight} in flight | ${rate(f.rate.direct)} | ${rate(f.rate.tollgate)} | ${rate(f.rate.hot)} | ${rate(f.rate.portkey)} | ${rate(f.rate.sql)} |`,
    `| PostgreSQL round trips per completion | | ${f.counts.statements.toFixed(2)} | | | ${f.ceiling.statements} |`,
    `| PostgreSQL commits per completion | | ${f.counts.commits.toFixed(2)} | | | |`,
    `| rows read or written per completion (pg_stat_statements) | | ${f.counts.rows.toFixed(2)} | | | ${f.ceiling.rows.toFixed(2)} |`,
    `| Redis commands per completion: executed / sent by clients | | ${f.counts.redisExecuted.toFixed(2)} / ${f.counts.redisSent.toFixed(2)} | | | |`,
  ];
  const latencyRatio = added(f.latency.tollgate) / added(f.latency.portkey);
  const goals: Array<[string, string, string, boolean]> = [
    ['Tollgate added latency / Portkey added latency (1 in flight)', ratio(latencyRatio), '≤ 3×', latencyRatio <= 3],
    [
      `Tollgate / Portkey completions/s (${f.inFlight} in flight, ${f.accounts} accounts)`,
      ratio(f.rate.tollgate / f.rate.portkey),
      '≥ 0.5×',
      f.rate.tollgate / f.rate.portkey >= 0.5,
    ],
    ['Tollgate / raw-SQL ceiling completions/s', ratio(f.rate.tollgate / f.rate.sql), '≥ 0.8×', f.rate.tollgate / f.rate.sql >= 0.8],
    ['one hot account / many accounts completions/s', ratio(f.rate.hot / f.rate.tollgate), '≥ 0.5×', f.rate.hot / f.rate.tollgate >= 0.5],
    ['PostgreSQL round trips per completion', f.counts.statements.toFixed(2), '≤ 4', f.counts.statements <= 4.05],
    ['PostgreSQL commits per completion', f.counts.commits.toFixed(2), '≤ 2', f.counts.commits <= 2.05],
    ['Redis commands sent per completion (round trips, at most)', f.counts.redisSent.toFixed(2), '≤ 2', f.counts.redisSent <= 2.05],
  ];
  const goalTable = [
    '| goal (issue 13) | this run | target | |',
    '| --- | ---: | ---: | --- |',
    ...goals.map(([name, value, target, pass]) => `| ${name} | ${value} | ${target} | ${pass ? 'PASS' : 'MISS'} |`),
  ];
  return `${figures.join('\n')}\n\n${goalTable.join('\n')}\n\n(medians over ${f.rounds} alternating rounds; counts over one counting window, background work included, ±0.05 tolerated)`;
}

/** The median by nearest rank (NaN for no samples). */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? NaN;
}

const CPU_COLUMNS = ['postgres', 'tollgate', 'portkey', 'redis', 'fake', 'load', 'pgbench'] as const satisfies readonly CpuGroup[];

/**
 * CPU ms per completion by process at `inFlight` (medians over rounds), and what they imply: the most
 * completions/s the machine's cores allow each contender if nothing else ran, and the most Tollgate's
 * own process may spend per completion for the ceiling goal to fit at all.
 */
export function cpuTable(
  rounds: { tollgate: CpuRound[]; portkey: CpuRound[]; sql: CpuRound[] },
  rate: { tollgate: number; sql: number },
  inFlight: number,
): string {
  const cores = availableParallelism();
  const row = (name: string, r: CpuRound[]) => {
    const cols = CPU_COLUMNS.map((g) => median(r.map((x) => x.ms[g] ?? 0)));
    const total = cols.reduce((a, b) => a + b, 0);
    return { name, cols, total, busy: median(r.map((x) => x.busy)) };
  };
  const t = row('Tollgate, many accounts', rounds.tollgate);
  const p = row('Portkey gateway (no accounting)', rounds.portkey);
  const s = row("raw SQL (pgbench replaying Tollgate's statements)", rounds.sql);
  const line = (x: typeof t) => `| ${x.name} | ${x.cols.map((c) => c.toFixed(3)).join(' | ')} | ${x.total.toFixed(3)} | ${(x.busy * 100).toFixed(0)}% |`;
  const limit = (x: typeof t) => (cores * 1000) / x.total;
  const others = t.total - t.cols[1]!;
  const bare = p.cols[2]!;
  const nodeBudget = (cores * 1000) / (0.8 * rate.sql) - others;
  return [
    `| CPU ms per completion at ${inFlight} in flight (median over rounds) | ${CPU_COLUMNS.join(' | ')} | all | machine busy |`,
    `| --- | ${CPU_COLUMNS.map(() => '---:').join(' | ')} | ---: | ---: |`,
    line(t),
    line(p),
    line(s),
    '',
    `With ${cores} cores and nothing else running, the CPU allows at most ${limit(t).toFixed(0)} Tollgate completions/s (measured ${rate.tollgate.toFixed(0)}/s)`,
    `and ${limit(s).toFixed(0)} replayed transactions/s (measured ${rate.sql.toFixed(0)}/s): at best ${(limit(t) / limit(s)).toFixed(2)}× of the ceiling on this machine.`,
    `For 0.8× of the measured ceiling, all processes together may spend ${((cores * 1000) / (0.8 * rate.sql)).toFixed(3)} ms per completion;`,
    `PostgreSQL, Redis, the fake and the load generator already take ${others.toFixed(3)} ms, leaving ${nodeBudget.toFixed(3)} ms for Tollgate's process (it takes ${t.cols[1]!.toFixed(3)} ms;`,
    `a bare proxy's process, Portkey's, takes ${bare.toFixed(3)} ms to relay one completion with no accounting at all).`,
  ].join('\n');
}
