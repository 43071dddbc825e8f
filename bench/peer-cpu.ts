import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time per completion, by process, read from /proc (Linux): what each contender of `pnpm bench
 * peer` costs the machine, not only how fast it answers. CPU seconds per completion barely depend on
 * how busy the shared machine is, so they show whether a throughput goal fits in the cores at all.
 *
 * PostgreSQL is its postmaster plus every backend: the live ones' own time, and the postmaster's
 * "children" time, which collects the time of backends that exited (pgbench's connections end with
 * each run). pgbench itself is a child of this process that exits after each run, so its time is
 * this process's own children time.
 */

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

export type CpuGroup = 'postgres' | 'tollgate' | 'redis' | 'fake' | 'load' | 'pgbench' | 'portkey';

export interface CpuSources {
  postgresDataDir: string;
  pids: Partial<Record<Exclude<CpuGroup, 'postgres' | 'pgbench'>, number>>;
}

interface Snapshot {
  at: Record<CpuGroup, number>;
  machine: { busy: number; total: number };
}

/** utime + stime (and, with `children`, cutime + cstime) of one process in ms; 0 when it is gone. */
function processMs(pid: number | 'self', children = false): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the command (which may hold spaces) start at field 3; utime is field 14.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(f[11]) + Number(f[12]);
  return (own + (children ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS;
}

function childrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) found.push(Number(name));
    } catch {
      // exited while listing
    }
  }
  return found;
}

function machine(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3]! + cpu[4]!;
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

export class CpuMeter {
  private readonly postmaster: number;

  constructor(private readonly sources: CpuSources) {
    this.postmaster = Number(readFileSync(join(sources.postgresDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  snapshot(): Snapshot {
    const postgres = processMs(this.postmaster, true) + childrenOf(this.postmaster).reduce((sum, pid) => sum + processMs(pid), 0);
    const at = { postgres, pgbench: processMs('self', true) - processMs('self') } as Record<CpuGroup, number>;
    for (const [group, pid] of Object.entries(this.sources.pids)) at[group as CpuGroup] = pid ? processMs(pid) : 0;
    return { at, machine: machine() };
  }

  /** CPU ms per completion by group between two snapshots, and the machine's busy share (of all cores). */
  static perCompletion(before: Snapshot, after: Snapshot, completed: number): CpuRound {
    const ms = {} as Record<CpuGroup, number>;
    for (const group of Object.keys(after.at) as CpuGroup[]) ms[group] = ((after.at[group] ?? 0) - (before.at[group] ?? 0)) / completed;
    const busy = (after.machine.busy - before.machine.busy) / Math.max(1, after.machine.total - before.machine.total);
    return { ms, busy };
  }
}

export interface CpuRound {
  ms: Record<CpuGroup, number>;
  /** Share of the whole machine's CPU time that was busy (every process, not only the bench's). */
  busy: number;
}
