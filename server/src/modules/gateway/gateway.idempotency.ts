import { BackplaneUnavailableError, type Backplane, type RateLimitRule } from '../../platform/backplane/index.js';
import { IdempotencyConflictError, RateLimitedError } from '../../platform/errors.js';
import { ProviderUnavailableError } from './gateway.errors.js';

/**
 * Long enough for any call (timeouts × retries × fallbacks); a crashed replica's claim lapses after it.
 * A claim means something only when every replica sees it, so with the backplane away it is
 * refused rather than counted per process (docs/decisions/0011-backplane-outage.md).
 */
const CLAIM: RateLimitRule = { name: 'completion-in-flight', points: 1, durationSeconds: 600, whenUnavailable: 'refuse' };
/** A waiting retry looks again after 50 ms, then backs off to a look a second (one read each). */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1_000;
/** What a refused claim tells the client: Redis reconnects within seconds of coming back. */
const RETRY_AFTER_SECONDS = 5;

/**
 * One call at a time per idempotency key, across replicas: the first claims the key (a one-point
 * limiter on the backplane); a concurrent retry waits for it and is answered with its stored
 * result, so it neither calls the provider again nor is told its own retry conflicts. A call that
 * failed stores nothing and frees the key, so the retry after it runs afresh.
 *
 * With the backplane unreachable, a key that already has a stored answer is still replayed (that
 * is PostgreSQL), and any other keyed call is refused as RATE_LIMITED with a retry hint before
 * anything is held or called: never a second provider call for one key, and never a charge.
 */
export class IdempotencyClaims {
  constructor(
    private readonly backplane: Backplane,
    private readonly maxWaitMs = 120_000,
  ) {}

  /**
   * `signal` ends a wait for another call's answer (the client went away, or shutdown aborts what
   * is left): nothing was held or called for this one, so it just stops.
   */
  async run<T>(userId: string, key: string, replay: () => Promise<T | null>, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const claim = `${userId}:${key}`;
    const deadline = Date.now() + this.maxWaitMs;
    let pollMs = FIRST_POLL_MS;
    for (;;) {
      const done = await replay();
      if (done) return done;
      if (await this.take(claim)) break;
      if (Date.now() > deadline) throw new IdempotencyConflictError(key);
      await pause(pollMs, signal);
      pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
    }
    try {
      // Answered between our last look and the claim: the stored result, not a second call.
      return (await replay()) ?? (await fn());
    } finally {
      // Runs after a call that may have been charged: a release the backplane cannot take must
      // not turn it into an error. The claim then lapses at its TTL (a Redis that lost its data
      // holds none); a retry of a call that succeeded is answered from PostgreSQL before it looks.
      await this.backplane.reset(CLAIM, claim).catch(() => undefined);
    }
  }

  private async take(claim: string): Promise<boolean> {
    try {
      return (await this.backplane.consume(CLAIM, claim)).allowed;
    } catch (err) {
      if (!(err instanceof BackplaneUnavailableError)) throw err;
      throw new RateLimitedError(RETRY_AFTER_SECONDS, 'Completions with an idempotency key are paused for a moment; retry with the same key shortly');
    }
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new ProviderUnavailableError('The request was cancelled while it waited for an earlier call with the same idempotency key');
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
