import type { Logger } from '../logger.js';
import { trackBackplane } from '../metrics/health.js';

/** What the connections report to: a failure (once per connection until it recovers) or a recovery. */
export interface Health {
  failed(connection: string, err: unknown): void;
  recovered(connection: string): void;
}

/**
 * Tracks whether the backplane's connections are up and logs each transition once: one warning
 * when the first one fails, one line when the last one is back. Commands that fail meanwhile are
 * not logged one by one (a loaded server would write thousands of lines a second).
 */
export class OutageLog implements Health {
  private readonly down = new Set<string>();
  private since = 0;
  // Quiet until connected (a Redis missing at start fails the start instead) and once closing.
  private quiet = true;
  // Each transition also moves the backplane gauges of /metrics.
  private readonly metrics = trackBackplane();

  constructor(
    private readonly log: Logger,
    private readonly degraded: string,
  ) {}

  failed(connection: string, err: unknown): void {
    if (this.down.has(connection)) return;
    this.down.add(connection);
    if (!this.quiet) this.metrics.changed(connection, false);
    if (this.down.size > 1 || this.quiet) return;
    this.since = Date.now();
    this.log.warn({ err, connection }, `backplane down: Redis is unreachable; degraded mode: ${this.degraded}`);
  }

  recovered(connection: string): void {
    if (!this.down.delete(connection)) return;
    if (!this.quiet) this.metrics.changed(connection, true);
    if (this.down.size > 0 || this.quiet) return;
    this.log.info({ downMs: Date.now() - this.since }, 'backplane recovered: Redis answers again; shared cache, limits, claims and pushes resume');
  }

  /** Connected: from now on every transition is logged. */
  start(): void {
    this.down.clear();
    this.quiet = false;
  }

  /** Our own close is not an outage. */
  close(): void {
    this.quiet = true;
    this.metrics.forget();
  }
}
