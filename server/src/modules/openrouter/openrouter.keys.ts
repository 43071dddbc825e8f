import type { Keyring } from '../../platform/crypto.js';
import type { Logger } from '../../platform/logger.js';
import type { Sql } from '../../platform/sql.js';
import type { OpenRouterClient } from './openrouter.client.js';
import { centsToUsdNumber, limitCents } from './openrouter.money.js';
import type { ManagedKeyRow, OpenRouterKeyStore } from './openrouter.store.js';

/** What the keys need of the ledger: the user's posted balance, micro-credits. */
export interface BalanceReader {
  balance(userId: string): Promise<{ balance: bigint }>;
}

export interface ManagedKeysDeps {
  sql: Sql & { transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> };
  store: OpenRouterKeyStore;
  client: OpenRouterClient;
  keyring: Keyring;
  ledger: BalanceReader;
  /** Micro-dollars per credit (CREDIT_USD). */
  creditUsdMicro: bigint;
  log: Logger;
}

/** A key stays in memory this long: it never changes once created (only its limit and state, on OpenRouter's side). */
const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 10_000;

/** The sealed value is bound to its row: a ciphertext copied to another user's row does not open. */
const aad = (userId: string) => `openrouter_key:${userId}`;

/**
 * Each user's OpenRouter key, created the first time one of their OpenRouter calls needs it
 * (lazily: most users never call an OpenRouter model) and then reused. Exactly once per user: the
 * creation runs under a transaction-scoped advisory lock on the user, and re-reads the row inside
 * it, so concurrent first calls (on any replica) wait and then find the key; within one process
 * they also share one promise, so only one of them holds a connection on the lock.
 * The gateway asks `apiKey` for every OpenRouter candidate: from memory after the first time.
 */
export class ManagedOpenRouterKeys {
  private readonly cache = new Map<string, { apiKey: string; at: number }>();
  private readonly inflight = new Map<string, Promise<string | null>>();

  constructor(private readonly d: ManagedKeysDeps) {}

  /** Only OpenRouter's calls: every other provider is asked nothing (no SQL on their hot path). */
  covers(provider: string): boolean {
    return provider === 'openrouter';
  }

  /**
   * The user's key for `provider`, or null: the gateway then uses the platform key. A key that
   * cannot be created now (OpenRouter unreachable) is logged and the call goes on with the platform
   * key rather than failing the user's request; the next call tries again.
   */
  async apiKey(userId: string, provider: string): Promise<string | null> {
    if (!this.covers(provider)) return null;
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.apiKey;
    let pending = this.inflight.get(userId);
    if (!pending) {
      pending = this.resolve(userId).finally(() => this.inflight.delete(userId));
      this.inflight.set(userId, pending);
    }
    return pending;
  }

  /** Drops the user's key from memory (it was deleted). */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async resolve(userId: string): Promise<string | null> {
    try {
      const apiKey = await this.ensure(userId);
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(userId, { apiKey, at: Date.now() });
      return apiKey;
    } catch (err) {
      this.d.log.warn({ userId, err: (err as Error).message }, 'OpenRouter key unavailable; the call uses the platform key');
      return null;
    }
  }

  /** The user's key, created now if there is none. */
  async ensure(userId: string): Promise<string> {
    const found = await this.d.store.find(userId);
    if (found) return this.open(found);
    let created: string | null = null;
    try {
      return await this.d.sql.transaction(async (tx) => {
        await tx.query(`select pg_advisory_xact_lock(hashtext('tollgate-openrouter-key:' || $1::text))`, [userId]);
        const again = await this.d.store.find(userId, tx);
        if (again) return this.open(again);
        const cents = limitCents(0n, (await this.d.ledger.balance(userId)).balance, this.d.creditUsdMicro);
        const remote = await this.d.client.createKey({ name: `tollgate-user-${userId}`, limit: centsToUsdNumber(cents) });
        created = remote.data.hash;
        const sealed = this.d.keyring.seal(remote.key, aad(userId));
        await this.d.store.insert(tx, { userId, keyHash: remote.data.hash, label: remote.data.label, sealed, limitCents: cents, disabled: false });
        this.d.log.info({ userId, keyHash: remote.data.hash }, 'OpenRouter key created');
        return remote.key;
      });
    } catch (err) {
      // Created on OpenRouter but not recorded here (the insert or the commit failed): a key nobody
      // can use or limit must not stay alive at OpenRouter. The next call creates a fresh one.
      if (created) {
        await this.d.client
          .deleteKey(created)
          .catch((e: Error) =>
            this.d.log.error({ userId, keyHash: created, err: e.message }, 'An unrecorded OpenRouter key could not be deleted: delete it by hand'),
          );
      }
      throw err;
    }
  }

  private open(row: ManagedKeyRow): string {
    return this.d.keyring.open(row.sealed, aad(row.userId));
  }
}
