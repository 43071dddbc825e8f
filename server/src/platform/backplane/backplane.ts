import type { TypedEventTarget } from '@graphql-yoga/typed-event-target';

/**
 * The state that must be shared between server replicas: the response cache, rate-limit counters
 * and pub/sub. Redis carries it in production; with no REDIS_URL an in-process implementation
 * does. Both pass the same contract tests (backplane.contract.ts).
 */
export interface RateLimitRule {
  /** Unique per rule; becomes the key prefix. */
  name: string;
  points: number;
  durationSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one more point is available; 0 when allowed. */
  retryAfterSeconds: number;
}

export type BackplaneEventTarget = TypedEventTarget<CustomEvent>;

export interface Backplane {
  readonly kind: 'memory' | 'redis';
  cacheGet(key: string): Promise<string | null>;
  cacheSet(key: string, value: string, ttlSeconds: number): Promise<void>;
  cacheDelete(key: string): Promise<void>;
  /** Takes `cost` points for `key` under `rule`; refused (and nothing taken) when too few remain. */
  consume(rule: RateLimitRule, key: string, cost?: number): Promise<RateLimitResult>;
  /** Forgets the points taken for `key` under `rule` (e.g. after a successful sign-in). */
  reset(rule: RateLimitRule, key: string): Promise<void>;
  /** Event target for @graphql-yoga/subscription: event details always travel as JSON. */
  readonly eventTarget: BackplaneEventTarget;
  ping(): Promise<void>;
  close(): Promise<void>;
}
