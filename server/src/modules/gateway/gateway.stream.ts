import type { CompletionOptions, CompletionResult } from './gateway.domain.js';

export type StreamEvent =
  { kind: 'delta'; text: string; model: string; provider: string } | { kind: 'done'; result: CompletionResult } | { kind: 'error'; error: unknown };

/**
 * Turns one gateway run into events a transport can forward: deltas as they come, then `done`
 * with the settled result, or `error`. Never throws. Ending the iteration early (`return()`: the
 * client unsubscribed or hung up) aborts the run at once, even while it waits for the provider;
 * the run then settles for what was delivered on its own.
 */
export interface EventStream extends AsyncIterableIterator<StreamEvent> {
  /** Resolves once the run has ended (settled or failed), whether or not anyone still listens. */
  settled: Promise<void>;
  return(): Promise<IteratorResult<StreamEvent>>;
}

export function completionEvents(run: (opts: CompletionOptions) => Promise<CompletionResult>): EventStream {
  const controller = new AbortController();
  const queue: StreamEvent[] = [];
  let finished = false;
  let closed = false;
  let wake: (() => void) | null = null;
  const push = (event: StreamEvent) => {
    if (closed) return;
    queue.push(event);
    wake?.();
    wake = null;
  };
  const settled = run({ onDelta: (text, from) => push({ kind: 'delta', text, ...from }), signal: controller.signal })
    .then(
      (result) => push({ kind: 'done', result }),
      (error: unknown) => push({ kind: 'error', error }),
    )
    .finally(() => {
      finished = true;
      wake?.();
      wake = null;
    });

  const iterator: EventStream = {
    settled,
    async next(): Promise<IteratorResult<StreamEvent>> {
      for (;;) {
        if (queue.length > 0) {
          const value = queue.shift()!;
          if (value.kind !== 'delta') closed = true;
          return { value, done: false };
        }
        if (closed || finished) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return(): Promise<IteratorResult<StreamEvent>> {
      closed = true;
      queue.length = 0;
      if (!finished) controller.abort();
      wake?.();
      wake = null;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
