import type { Backplane, RateLimitRule } from '../../platform/backplane/index.js';
import { IdempotencyConflictError } from '../../platform/errors.js';

/** Long enough for any call (timeouts × retries × fallbacks); a crashed replica's claim lapses after it. */
const CLAIM: RateLimitRule = { name: 'completion-in-flight', points: 1, durationSeconds: 600 };
const POLL_MS = 50;

/**
 * One call at a time per idempotency key, across replicas: the first claims the key (a one-point
 * limiter on the backplane); a concurrent retry waits for it and is answered with its stored
 * result, so it neither calls the provider again nor is told its own retry conflicts. A call that
 * failed stores nothing and frees the key, so the retry after it runs afresh.
 */
export class IdempotencyClaims {
  constructor(
    private readonly backplane: Backplane,
    private readonly maxWaitMs = 120_000,
  ) {}

  async run<T>(userId: string, key: string, replay: () => Promise<T | null>, fn: () => Promise<T>): Promise<T> {
    const claim = `${userId}:${key}`;
    const deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      const done = await replay();
      if (done) return done;
      if ((await this.backplane.consume(CLAIM, claim)).allowed) break;
      if (Date.now() > deadline) throw new IdempotencyConflictError(key);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      // Answered between our last look and the claim: the stored result, not a second call.
      return (await replay()) ?? (await fn());
    } finally {
      await this.backplane.reset(CLAIM, claim);
    }
  }
}
