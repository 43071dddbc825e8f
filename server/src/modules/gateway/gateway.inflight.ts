/**
 * The completions this process is running, so shutdown can wait for each to settle or release its
 * hold before the pools close. A stream whose client hung up is still here until its run has
 * settled for what was delivered. At the deadline the stragglers are aborted (a streamed answer
 * settles for what it delivered, a whole one releases its hold) and given a moment to write that.
 */
export class InflightCompletions {
  private readonly runs = new Map<Promise<unknown>, AbortController>();

  get size(): number {
    return this.runs.size;
  }

  /**
   * Runs `start` with a signal that aborts when the caller's does (the client went away) or when a
   * drain runs out of time, and tracks it until it ends.
   */
  track<T>(callerSignal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const follow = () => controller.abort();
    if (callerSignal?.aborted) controller.abort();
    else callerSignal?.addEventListener('abort', follow, { once: true });
    const run = start(controller.signal);
    this.runs.set(run, controller);
    const forget = () => {
      this.runs.delete(run);
      callerSignal?.removeEventListener('abort', follow);
    };
    run.then(forget, forget);
    return run;
  }

  /** Resolves once nothing is in flight; past `graceMs` aborts what is left and waits up to `abortMs` more. */
  async drain(graceMs: number, abortMs: number): Promise<{ left: number; aborted: number }> {
    await this.idle(Date.now() + Math.max(0, graceMs));
    const aborted = this.runs.size;
    if (aborted > 0) {
      for (const controller of this.runs.values()) controller.abort();
      await this.idle(Date.now() + abortMs);
    }
    return { left: this.runs.size, aborted };
  }

  private async idle(deadline: number): Promise<void> {
    while (this.runs.size > 0) {
      const wait = deadline - Date.now();
      if (wait <= 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.runs.keys()]), new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)))]);
      clearTimeout(timer);
    }
  }
}
