import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryBackplane } from '../../../platform/backplane/memory.js';
import { IdempotencyClaims } from '../gateway.idempotency.js';

/**
 * A retry that waits for an earlier call with the same key (on the in-process backplane, the real
 * one a single replica runs) stops when its own request is cancelled: nothing was held or called
 * for it, and shutdown must not wait out its two minutes.
 */
describe('a retry waiting on an idempotency claim', () => {
  it('stops at once when its request is cancelled, while the first call goes on and is answered', async () => {
    const claims = new IdempotencyClaims(createMemoryBackplane(), 60_000);
    const key = randomUUID();
    let stored: string | null = null;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = claims.run(
      'user',
      key,
      async () => stored,
      async () => {
        await gate;
        stored = 'the answer';
        return stored;
      },
    );

    let looks = 0;
    const cancel = new AbortController();
    const waiting = claims.run(
      'user',
      key,
      async () => (looks++, stored),
      async () => 'a second call',
      cancel.signal,
    );
    const outcome = waiting.then(
      () => 'answered',
      (err: { code?: string }) => err.code,
    );
    while (looks < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    cancel.abort();

    // The first call is still held at its gate: only the cancellation can end the wait.
    await expect(outcome).resolves.toBe('PROVIDER_UNAVAILABLE');
    open();
    await expect(first).resolves.toBe('the answer');
  });
});
