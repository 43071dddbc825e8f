import { UserCache } from '../../../platform/user-cache.js';
import { randomUUID } from 'node:crypto';
import { DecryptError, type Keyring } from '../../../platform/crypto.js';
import { NotFoundError, TierLimitExceededError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import type { CatalogService } from '../../catalog/index.js';
import { isUuid } from '../../../platform/ids.js';
import { aadFor, isByokProvider, ProviderKeyUnreadableError, validApiKey, validProvider, type ProviderKeyRecord } from './provider-key.domain.js';
import type { ProviderKeyStore, SealedProviderKey } from './provider-key.store.js';

export interface SetProviderKeyCommand {
  provider: string;
  apiKey: string;
}

/** What a re-encryption pass did, and how many rows still sit under an old key (unreadable ones). */
export interface ReencryptResult {
  currentKeyId: string;
  reencrypted: number;
  remaining: number;
}

/** A request's view of the user's own keys: `get` opens one (throwing when unreadable) or says there is none. */
export interface OwnKeys {
  get(provider: string): { id: string; apiKey: string } | null;
}

const NO_OWN_KEYS: OwnKeys = { get: () => null };

/** A use is written at most this often per key (the SQL enforces it across replicas too). */
const TOUCH_INTERVAL_MS = 60_000;
const TOUCH_MEMO_LIMIT = 10_000;
const REENCRYPT_BATCH = 200;

/**
 * Users' own provider keys (BYOK): stored sealed with AES-256-GCM (docs/decisions/0008), listed by
 * their last four characters, opened only for the gateway's provider call. The plaintext key never
 * appears in a return value other than `resolve`'s, in an error message or in a log line.
 */
export class ProviderKeyService {
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly store: ProviderKeyStore,
    private readonly keyring: Keyring,
    private readonly catalog: CatalogService,
    private readonly log: Logger,
    /** Each user's sealed keys kept in this process, dropped when one changes (platform/user-cache.ts); none: read every time. */
    private readonly sealed: UserCache<SealedProviderKey[]> = new UserCache(null, 0),
  ) {}

  list(userId: string): Promise<ProviderKeyRecord[]> {
    return this.store.list(userId);
  }

  /** Stores the key for the provider, replacing the user's previous one. The tier must allow BYOK. */
  async set(userId: string, command: SetProviderKeyCommand): Promise<ProviderKeyRecord> {
    const provider = validProvider(command.provider);
    const apiKey = validApiKey(command.apiKey);
    const tier = await this.catalog.tierOf(userId);
    if (!tier.byokAllowed) throw new TierLimitExceededError(`Your ${tier.name} tier does not allow your own provider keys`, { tier: tier.code });
    const sealed = this.keyring.seal(apiKey, aadFor(userId, provider));
    const record = await this.store.upsert(randomUUID(), userId, provider, sealed, apiKey.slice(-4));
    this.log.info({ userId, provider, providerKeyId: record.id, keyId: sealed.keyId }, 'provider key set');
    return record;
  }

  /** Deletes one of the caller's keys; anyone else's (or a malformed id) is NOT_FOUND. */
  async delete(userId: string, id: string): Promise<ProviderKeyRecord> {
    if (!isUuid(id)) throw new NotFoundError('Provider key');
    const deleted = await this.store.delete(id, userId);
    if (!deleted) throw new NotFoundError('Provider key');
    this.touchedAt.delete(id);
    this.log.info({ userId, provider: deleted.provider, providerKeyId: id }, 'provider key deleted');
    return deleted;
  }

  /**
   * For the gateway: the user's own key for `provider`, decrypted, or null when they stored none
   * (or the provider takes no keys, like sandbox). Does not check the tier: the gateway's quote does.
   * Records the use (at most once a minute, without waiting) and moves a value sealed under a
   * previous encryption key to the current one. A stored key that cannot be opened throws
   * ProviderKeyUnreadableError (PROVIDER_UNAVAILABLE) rather than falling back to the platform key.
   */
  async resolve(userId: string, provider: string): Promise<{ id: string; apiKey: string } | null> {
    if (!isByokProvider(provider) || !isUuid(userId)) return null;
    const row = await this.store.find(userId, provider);
    return row ? this.use(row) : null;
  }

  /**
   * For the gateway, once per request: every key of the user read in one statement, each opened
   * (and its use recorded) only when a candidate asks for its provider, as `resolve` would.
   */
  async resolveAll(userId: string): Promise<OwnKeys> {
    if (!isUuid(userId)) return NO_OWN_KEYS;
    const rows = new Map((await this.sealed.get(userId, () => this.store.findAll(userId))).map((row) => [row.provider as string, row]));
    if (rows.size === 0) return NO_OWN_KEYS;
    const opened = new Map<string, { id: string; apiKey: string }>();
    return {
      get: (provider) => {
        const row = isByokProvider(provider) ? rows.get(provider) : undefined;
        if (!row) return null;
        let key = opened.get(provider);
        if (!key) opened.set(provider, (key = this.use(row)));
        return key;
      },
    };
  }

  /** The providers the user stored a key for, from the same per-user cache, opening none: what `auto` and the pickers may offer. */
  async ownKeyProviders(userId: string): Promise<ReadonlySet<string>> {
    if (!isUuid(userId)) return new Set();
    return new Set((await this.sealed.get(userId, () => this.store.findAll(userId))).map((row) => row.provider as string));
  }

  /** Opens a stored key for a call: records the use and moves it to the current encryption key. */
  private use(row: SealedProviderKey): { id: string; apiKey: string } {
    const apiKey = this.open(row);
    this.touch(row.id);
    if (row.keyId !== this.keyring.currentKeyId) void this.reseal(row, apiKey);
    return { id: row.id, apiKey };
  }

  /**
   * Maintenance after a key rotation: re-seals every row still under a previous key with the current
   * one. Rows whose key is not configured stay as they are and are counted in `remaining`; when it is
   * 0 the previous keys can be removed from TOLLGATE_ENCRYPTION_KEYS_PREVIOUS.
   */
  async reencryptAll(): Promise<ReencryptResult> {
    const current = this.keyring.currentKeyId;
    let reencrypted = 0;
    let after: string | null = null;
    for (;;) {
      const rows = await this.store.sealedUnderOtherKeys(current, after, REENCRYPT_BATCH);
      for (const row of rows) {
        if (!this.keyring.canOpen(row.keyId)) continue;
        let apiKey: string;
        try {
          apiKey = this.keyring.open(row.sealed, aadFor(row.userId, row.provider));
        } catch (err) {
          this.logUnreadable(row, err);
          continue;
        }
        if (await this.store.reseal(row.id, row.sealed, this.keyring.seal(apiKey, aadFor(row.userId, row.provider)))) reencrypted += 1;
      }
      if (rows.length < REENCRYPT_BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    const remaining = await this.store.countUnderOtherKeys(current);
    this.log.info({ currentKeyId: current, reencrypted, remaining }, 'provider keys re-encrypted');
    return { currentKeyId: current, reencrypted, remaining };
  }

  private open(row: SealedProviderKey): string {
    try {
      return this.keyring.open(row.sealed, aadFor(row.userId, row.provider));
    } catch (err) {
      this.logUnreadable(row, err);
      throw new ProviderKeyUnreadableError(row.provider);
    }
  }

  private logUnreadable(row: SealedProviderKey, err: unknown): void {
    const reason = err instanceof DecryptError ? err.reason : 'error';
    this.log.error({ userId: row.userId, provider: row.provider, providerKeyId: row.id, keyId: row.keyId, reason }, 'stored provider key cannot be opened');
  }

  private touch(id: string): void {
    const now = Date.now();
    const last = this.touchedAt.get(id);
    if (last !== undefined && now - last < TOUCH_INTERVAL_MS) return;
    if (this.touchedAt.size >= TOUCH_MEMO_LIMIT) this.touchedAt.clear();
    this.touchedAt.set(id, now);
    this.store.touch(id).catch((err: unknown) => this.log.warn({ err, providerKeyId: id }, 'could not record a provider key use'));
  }

  private async reseal(row: SealedProviderKey, apiKey: string): Promise<void> {
    try {
      await this.store.reseal(row.id, row.sealed, this.keyring.seal(apiKey, aadFor(row.userId, row.provider)));
    } catch (err) {
      this.log.warn({ err, providerKeyId: row.id }, 'could not re-encrypt a provider key under the current key');
    }
  }
}
