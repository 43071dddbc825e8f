import type { TypedEventTarget } from '@graphql-yoga/typed-event-target';

/**
 * The state that must be shared between server replicas: the response cache, rate-limit counters
 * and pub/sub. Redis carries it in production (one server, or a Redis Cluster: kind 'redis' either
 * way); with no REDIS_URL an in-process implementation does. All pass the same contract tests
 * (backplane.contract.ts).
 *
 * The backplane is an optimisation and a coordinator, never the record: when Redis is unreachable
 * each concern degrades on its own (docs/decisions/0011-backplane-outage.md) and nothing here
 * ever rejects unhandled, so no Redis outage can end the process or fail a call already charged.
 */
export interface RateLimitRule {
  /** Unique per rule; becomes the key prefix. */
  name: string;
  points: number;
  durationSeconds: number;
  /**
   * While the shared counters are unreachable: `per-process` (default) counts in this process
   * instead, so a limit still holds per replica; `refuse` rejects with BackplaneUnavailableError,
   * for rules that only mean something when shared (a cross-replica claim).
   */
  whenUnavailable?: 'per-process' | 'refuse';
}

/** The shared state could not be reached; only `refuse` rules, `ping` and nothing else reject with it. */
export class BackplaneUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackplaneUnavailableError';
  }
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one more point is available; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface ConsumeAllResult {
  allowed: boolean;
  /** The index in `take` of the first rule that refused; -1 when allowed. */
  refusedBy: number;
  /** Whole seconds until the refusing rule has a point again; 0 when allowed. */
  retryAfterSeconds: number;
  /** The value of the cache key `read`, or null (absent, not asked, or unreachable). */
  value: string | null;
}

export type BackplaneEventTarget = TypedEventTarget<CustomEvent>;

export interface Backplane {
  readonly kind: 'memory' | 'redis';
  /** Best effort: a miss (null) when the cache is unreachable; never rejects. */
  cacheGet(key: string): Promise<string | null>;
  /** Best effort: skipped when the cache is unreachable; never rejects. */
  cacheSet(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Best effort: skipped when the cache is unreachable; never rejects. */
  cacheDelete(key: string): Promise<void>;
  /**
   * Takes `cost` points for `key` under `rule`; refused (and nothing taken) when too few remain.
   * Unreachable counters: see `RateLimitRule.whenUnavailable`.
   */
  consume(rule: RateLimitRule, key: string, cost?: number): Promise<RateLimitResult>;
  /**
   * Several limits and one cache read in ONE round trip (one script): takes `cost` points from
   * every `take` entry, all or nothing (refused: nothing is taken from any of them), and reads the
   * cache key `read` (as cacheGet would) in the same script. In a Redis Cluster every key involved
   * must hash to one slot: callers put the same hash tag (`{…}`, e.g. the account's user id) in each
   * `key` and in `read`. Unreachable counters: each rule as `whenUnavailable` says; the read is then null.
   */
  consumeAll(take: Array<{ rule: RateLimitRule; key: string }>, read?: string, cost?: number): Promise<ConsumeAllResult>;
  /** Forgets the points taken for `key` under `rule` (e.g. after a successful sign-in). */
  reset(rule: RateLimitRule, key: string): Promise<void>;
  /**
   * Event target for @graphql-yoga/subscription: event details always travel as JSON. Publishing
   * is fire-and-forget: a push that cannot be sent is dropped (and logged), never thrown.
   */
  readonly eventTarget: BackplaneEventTarget;
  /** Rejects (quickly) unless every connection answers: what /readyz asks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
