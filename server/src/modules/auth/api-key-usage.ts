import type { Logger } from '../../platform/logger.js';
import type { Sql } from '../../platform/sql.js';

/** lastUsedAt is shown to the minute: a key is written at most this often (per replica, and skipped if another replica did). */
const RESOLUTION_MS = 60_000;

/**
 * Records when API keys are used, off the request path: a request only notes the time in this
 * process; a timer writes every noted key in one statement, and stop() writes what is left. A key
 * is noted at most once a minute, so a busy key costs one small UPDATE a minute, not a write and
 * a commit per request. Until the next flush (flushSeconds, 10 s by default) lastUsedAt may lag;
 * listing keys flushes this replica first, so a user sees their own use at once.
 */
export class ApiKeyUsage {
  /** Key id → the time of the use waiting to be written. */
  private pending = new Map<string, Date>();
  /** Key id → when this process last noted it (entries older than the resolution are dropped at each flush). */
  private readonly noted = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
    private readonly flushSeconds = 10,
  ) {}

  /** Called on every request by API key: memory only. */
  touch(keyId: string, now = Date.now()): void {
    const last = this.noted.get(keyId);
    if (last !== undefined && now - last < RESOLUTION_MS) return;
    this.noted.set(keyId, now);
    this.pending.set(keyId, new Date(now));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and writes what is pending (at shutdown, before the pool closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes every pending use in one statement; flushes run one at a time. Never rejects. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const cutoff = Date.now() - RESOLUTION_MS;
    for (const [id, at] of this.noted) if (at < cutoff) this.noted.delete(id);
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      // Skips a key another replica marked within the minute: what is shown stays right to the minute.
      await this.sql.query(
        `update api_key k set last_used_at = u.at
           from unnest($1::uuid[], $2::timestamptz[]) as u(id, at)
          where k.id = u.id and (k.last_used_at is null or k.last_used_at < u.at - interval '1 minute')`,
        [[...batch.keys()], [...batch.values()]],
      );
    } catch (err) {
      // Put the uses back (a newer one noted meanwhile wins) and try at the next flush.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.log.warn({ err, keys: batch.size }, 'could not record API key use; will retry');
    }
  }
}
