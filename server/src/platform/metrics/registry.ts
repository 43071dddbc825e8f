import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's one metrics registry. Tollgate's own (not prom-client's global `register`), so a
 * library that registers metrics of its own can neither collide with ours nor leak onto /metrics.
 * Every metric is defined once per process at module load; several apps in one process (the
 * two-instance tests) share it, which is what a scrape of that process would see anyway.
 */
export const registry = new Registry();

/** Every Tollgate metric starts with it (process_* and nodejs_* are prom-client's defaults). */
export const PREFIX = 'tollgate_';

// CPU, memory, heap, event-loop lag, GC, handles: what every Node service should expose.
collectDefaultMetrics({ register: registry });

/** Label values that cannot be told apart from an attacker's choosing end up here. */
export const OTHER = 'other';
const LABEL_VALUE = /^[A-Za-z0-9_.:/@-]{1,100}$/;

/**
 * A label whose values come from outside (a GraphQL operation name, a model id as requested):
 * the first `max` distinct well-formed values are kept, every later or malformed one is `other`,
 * so no client can grow the number of time series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly pattern: RegExp = LABEL_VALUE,
  ) {}

  fold(value: string | null | undefined, missing = 'none'): string {
    if (value === null || value === undefined || value === '') return missing;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !this.pattern.test(value)) return OTHER;
    this.seen.add(value);
    return value;
  }
}
