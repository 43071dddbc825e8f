import { randomBytes } from 'node:crypto';
import type { RateLimitRule } from '../backplane.js';

/** Random per run, so suites sharing one Redis never see each other's keys, rules or topics. */
export const unique = (tag: string) => `${tag}-${randomBytes(5).toString('hex')}`;

export const rule = (points: number, durationSeconds = 60): RateLimitRule => ({ name: unique('rule'), points, durationSeconds });

/** Keys sharing one fresh hash tag (`{…}`), so a Redis Cluster puts them on one slot. */
export function tagged(...names: string[]): string[] {
  const tag = `{${unique('tag')}}`;
  return names.map((name) => `${tag}:${name}`);
}

/** Polls until `check` holds, failing (not hanging) after `withinMs`: a bound for waiting, not a measure. */
export async function eventually(check: () => Promise<boolean>, what: string, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
