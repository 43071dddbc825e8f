/** Timing helpers for the gateway bench: per-call latencies, alternating rounds, and the closing table. */

/** Runs `fn` `total` times with `concurrency` in flight; the latency of each call, in milliseconds. */
export async function latencies(total: number, concurrency: number, fn: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const started = process.hrtime.bigint();
        await fn();
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return ms;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Latency samples for each contender, measured in `rounds` alternating blocks (a, b, a, b, …) so a
 * noisy neighbour on the shared machine lands on both sides rather than on one.
 */
export async function alternatingLatencies<K extends string>(
  total: number,
  concurrency: number,
  rounds: number,
  contenders: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const out = Object.fromEntries(Object.keys(contenders).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const each = Math.max(1, Math.ceil(total / rounds));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(contenders) as Array<[K, () => Promise<unknown>]>) {
      out[name].push(...(await latencies(each, concurrency, fn)));
    }
  }
  return out;
}

/** Operations per second for each contender, over `rounds` alternating blocks of `total / rounds` calls. */
export async function alternatingThroughput<K extends string>(
  total: number,
  concurrency: number,
  rounds: number,
  contenders: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number>> {
  const seconds = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0])) as Record<K, number>;
  const each = Math.max(1, Math.ceil(total / rounds));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(contenders) as Array<[K, () => Promise<unknown>]>) {
      const started = process.hrtime.bigint();
      await latencies(each, concurrency, fn);
      seconds[name] += Number(process.hrtime.bigint() - started) / 1e9;
    }
  }
  return Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, (each * rounds) / (s as number)])) as Record<K, number>;
}

/** A Credits decimal string ("0.000123") in micro-credits. */
export function microCredits(credits: string): bigint {
  const [whole, fraction = ''] = credits.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

export interface TableRow {
  measure: string;
  tollgate: string;
  baseline: string;
  added: string;
  ratio: string;
}

/** The closing summary as a markdown table, ready to paste into a note. */
export function markdownTable(rows: TableRow[]): string {
  const head = '| measure | through Tollgate | baseline | added | ratio (Tollgate / baseline) |';
  const rule = '| --- | ---: | ---: | ---: | ---: |';
  return [head, rule, ...rows.map((r) => `| ${r.measure} | ${r.tollgate} | ${r.baseline} | ${r.added} | ${r.ratio} |`)].join('\n');
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;
export const perSec = (x: number) => `${x.toFixed(0)}/s`;
