import pg from 'pg';
import { LRUCache } from 'lru-cache';
import type { Logger } from './logger.js';

/** The channel migration 23's triggers notify with a user's id when their tier or own provider keys change. */
export const USER_CHANGED_CHANNEL = 'tollgate_user_changed';

/**
 * Listens for `tollgate_user_changed` on a connection of its own (LISTEN holds a session; a pooled
 * connection cannot). PostgreSQL sends a NOTIFY when the writing transaction commits, whoever wrote,
 * so every replica hears of a change after it is visible and never before. While the connection is
 * down nothing can be heard: the caches built on it are off (they read PostgreSQL every time) and
 * start empty once it is back.
 */
export class UserChanges {
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(userId: string | null) => void>();

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  get up(): boolean {
    return this.listening;
  }

  /** `userId` null: everything may have changed (the connection was lost), forget all. */
  onChange(listener: (userId: string | null) => void): void {
    this.listeners.add(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'tollgate-listen' });
    client.on('notification', (msg) => {
      if (msg.channel === USER_CHANGED_CHANNEL && msg.payload) this.emit(msg.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${USER_CHANGED_CHANNEL}`);
      this.client = client;
      this.listening = true;
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client && this.client !== client) return;
    const wasUp = this.listening;
    this.drop();
    this.client = null;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasUp) this.log.warn({ err }, 'user change notifications lost: tier and provider-key caches are off until they are back');
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), 1_000);
    this.retry.unref();
  }

  private drop(): void {
    if (!this.listening) return;
    this.listening = false;
    this.emit(null);
  }

  private emit(userId: string | null): void {
    for (const listener of this.listeners) listener(userId);
  }
}

/**
 * Something about a user kept in this process for `ttlMs` (their tier code, their sealed provider
 * keys), dropped when UserChanges hears the user changed, and not kept at all while it cannot hear.
 * A load that started before a change was heard is not kept either (its value may be the old one).
 */
export class UserCache<T> {
  private readonly entries: LRUCache<string, { value: T }>;
  private generation = 0;

  constructor(
    private readonly changes: Pick<UserChanges, 'up' | 'onChange'> | null,
    ttlMs: number,
    max = 20_000,
  ) {
    this.entries = new LRUCache({ max, ttl: Math.max(1, ttlMs) });
    this.enabled = ttlMs > 0 && changes !== null;
    changes?.onChange((userId) => {
      this.generation++;
      if (userId === null) this.entries.clear();
      else this.entries.delete(userId);
    });
  }

  private readonly enabled: boolean;

  /** This process changed the user itself: drop the entry now, not when the notification arrives. */
  forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }

  async get(userId: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled || !this.changes!.up) return load();
    const hit = this.entries.get(userId);
    if (hit) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.changes!.up) this.entries.set(userId, { value });
    return value;
  }
}
