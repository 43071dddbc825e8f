import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, Role, TeamRole } from '@tollgate/shared';
import type { KeyLimits, SpendCap } from './principal.js';
import { LRUCache } from 'lru-cache';
import type { Backplane } from '../../platform/backplane/index.js';
import type { Logger } from '../../platform/logger.js';

/** What the authenticator keeps of a credential: the owner's row as read, and the key's. */
export interface CachedPrincipal {
  userId: string;
  email: string;
  role: Role;
  suspended: boolean;
  keyId: string | null;
  scopes: ApiKeyScope[];
  /** app_user.session_epoch: a session token from an older epoch is refused (password changed or reset). */
  sessionEpoch?: number;
  /** A key's account (its owner's own, or a team's) and, for a team key, the owner's role and cap there. */
  accountId?: string;
  keyTeam?: { role: TeamRole; cap: SpendCap | null } | null;
  key?: KeyLimits;
  /** A session's teams: any of them may be acted for (the membership is read with the user, so a removal's version bump ends it). */
  memberships?: { teamId: string; role: TeamRole; cap: SpendCap | null; suspended?: boolean }[];
  /** A team key's team account is suspended by an admin. */
  accountSuspended?: boolean;
}

export interface PrincipalCacheOptions {
  /** How long an entry is served without reading PostgreSQL again; 0 turns the cache off. */
  ttlSeconds?: number;
  maxEntries?: number;
  /** How often a Redis backplane is probed; while it fails the cache is off. */
  probeSeconds?: number;
}

interface Entry {
  value: CachedPrincipal;
  /** The user's version when the row was read (null: never invalidated, or long ago). */
  stamp: string | null;
  loadedAt: number;
}

/**
 * Where every replica reads a user's version; one key per user covers their keys, role and
 * suspension. The user id is its hash tag, as in the completion limits' keys, so the limits' one
 * script can read it on the same Redis Cluster slot (gateway.limits.ts).
 */
export const versionKey = (userId: string) => `auth:v:{${userId}}`;

/**
 * Principals by credential (an API key's hash, a session's user id), in this process, for a short
 * TTL. Every hit is checked against the user's version in the backplane (one Redis GET, no SQL),
 * and every change that can refuse a principal (key revoked, user suspended or reactivated, role
 * changed) writes a new version there BEFORE it answers. So the next request on any replica
 * sees the change: pub/sub alone could not promise that, its message races the next request.
 * Ordering that makes it safe: a load reads the version before PostgreSQL; a change commits to
 * PostgreSQL before it writes the version. A Redis that is down turns the cache off (see probe()).
 */
export class PrincipalCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  private degraded = false;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly backplane: Backplane,
    private readonly log: Logger,
    private readonly options: PrincipalCacheOptions = {},
  ) {
    this.ttlMs = (options.ttlSeconds ?? 30) * 1000;
    // No TTL on the LRU itself: an expired entry is not served, but still names the key's owner, so
    // its reload can read the owner's version first (see resolve()).
    this.entries = new LRUCache({ max: options.maxEntries ?? 20_000 });
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && !this.degraded;
  }

  /**
   * The principal for `cacheKey`, from this process when fresh and still at the user's version,
   * else from `load` (which reads PostgreSQL). `userId` is the owner when known before loading (a session).
   */
  async resolve(cacheKey: string, userId: string | null, load: () => Promise<CachedPrincipal | null>): Promise<CachedPrincipal | null> {
    if (!this.enabled) return load();
    const entry = this.entries.get(cacheKey);
    const owner = userId ?? entry?.value.userId ?? null;
    // An API key seen for the first time: its owner is unknown until loaded, so its version could only
    // be read after PostgreSQL, which is the wrong order. Serve it uncached; remember only the owner.
    if (!owner) {
      const value = await load();
      if (value) this.entries.set(cacheKey, { value, stamp: null, loadedAt: 0 });
      return value;
    }
    const stamp = await this.backplane.cacheGet(versionKey(owner));
    if (entry && entry.loadedAt + this.ttlMs > Date.now() && entry.stamp === stamp && entry.value.userId === owner) return entry.value;
    const value = await load();
    if (value && value.userId === owner && this.enabled) this.entries.set(cacheKey, { value, stamp, loadedAt: Date.now() });
    else this.entries.delete(cacheKey);
    return value;
  }

  /**
   * The entry for `cacheKey` if it is within its TTL, WITHOUT reading the user's version: the caller
   * must check `stamp` against the version before acting (the completion path reads it in the same
   * Redis round trip as its rate limits). Null when the cache is off, the entry stale or unowned.
   */
  peek(cacheKey: string, userId: string | null): { value: CachedPrincipal; stamp: string | null } | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(cacheKey);
    if (!entry || entry.loadedAt + this.ttlMs <= Date.now()) return null;
    if (userId !== null && entry.value.userId !== userId) return null;
    return { value: entry.value, stamp: entry.stamp };
  }

  /**
   * Refuses every cached principal of the user, on every replica, before the caller answers. Call
   * after the change is committed. Never rejects (the backplane is best effort; see probe()).
   */
  async invalidate(userId: string): Promise<void> {
    // Longer than any entry can live, so an expired version cannot make an old entry match again.
    const ttl = Math.max(120, Math.ceil((2 * this.ttlMs) / 1000));
    await this.backplane.cacheSet(versionKey(userId), randomUUID(), ttl);
    for (const [key, entry] of this.entries.entries()) if (entry.value.userId === userId) this.entries.delete(key);
  }

  /** Starts probing a Redis backplane: the in-memory one is always up. */
  start(): void {
    if (this.backplane.kind !== 'redis' || this.ttlMs === 0 || this.probeTimer) return;
    this.probeTimer = setInterval(() => void this.probe(), (this.options.probeSeconds ?? 5) * 1000);
    this.probeTimer.unref();
  }

  stop(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    this.clear();
  }

  /** Forgets every entry of this process (tests, and the probe's transitions). */
  clear(): void {
    this.entries.clear();
  }

  /**
   * While Redis is unreachable a version read answers null and a version write is skipped, so a
   * cached entry could outlive a revocation: the cache is off (every request reads PostgreSQL, as
   * before the cache) until Redis answers again, and then starts empty, since changes made
   * meanwhile wrote no version. Between an outage's start and the next probe, entries may be
   * served for up to one probe interval (docs/decisions/0034-principal-cache.md).
   */
  async probe(): Promise<void> {
    let up = true;
    try {
      await this.backplane.ping();
    } catch {
      up = false;
    }
    if (up === !this.degraded) return;
    this.entries.clear();
    this.degraded = !up;
    if (up) this.log.info('principal cache back on: the backplane answers again');
    else this.log.warn('principal cache off: the backplane is unreachable; every request reads PostgreSQL');
  }
}
