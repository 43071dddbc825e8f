import type { Orm } from '../../platform/db.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { AccountSuspendedError } from '../admin/index.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';
import type { ApiKeyUsage } from './api-key-usage.js';
import { versionKey, type CachedPrincipal, type PrincipalCache } from './principal-cache.js';
import type { Principal } from './principal.js';
import type { SessionTokens } from './session-token.js';

export type Authentication = { principal: Principal | null; error: UnauthenticatedError | AccountSuspendedError | null };

const ANONYMOUS: Authentication = { principal: null, error: null };

interface Row {
  id: string;
  email: string;
  role: Principal['role'];
  key_id: string | null;
  scopes: Principal['scopes'] | null;
  suspended_at: Date | null;
  session_epoch?: number | null;
}

const toCached = (row: Row): CachedPrincipal => ({
  userId: row.id,
  email: row.email,
  role: row.role,
  suspended: row.suspended_at !== null,
  keyId: row.key_id,
  scopes: [...(row.scopes ?? [])],
  sessionEpoch: row.session_epoch ?? 0,
});

/** A session token from before the user's latest password change or reset is over (decision 0050). */
const sessionEnded = (found: CachedPrincipal, epoch: number) => epoch !== (found.sessionEpoch ?? 0);

/**
 * Turns an `Authorization: Bearer …` value into a principal. A bad credential is not thrown here:
 * public operations (signIn) must still work, so the error is kept and raised by the auth checker
 * when an operation needs a principal.
 *
 * Warm, a request runs no SQL: the principal comes from the PrincipalCache (checked against the
 * user's version in the backplane, so a revocation or suspension holds from the next request on
 * every replica) and a key's use is noted in memory for ApiKeyUsage to write (docs/decisions/0034-principal-cache.md).
 */
export class Authenticator {
  constructor(
    private readonly orm: Orm,
    private readonly tokens: SessionTokens,
    private readonly cache: PrincipalCache,
    private readonly usage: ApiKeyUsage,
  ) {}

  /**
   * `deferVersion`: for a request that is one completion and nothing else, a principal fresh in the
   * cache is served without its version read; the completion reads the version in its rate limits'
   * Redis round trip and calls `principal.confirm.check` before anything is held or called.
   */
  async authenticate(header: string | undefined | null, options: { deferVersion?: boolean } = {}): Promise<Authentication> {
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { principal: null, error: new UnauthenticatedError('Authorization must be "Bearer <token>"') };
    const credential = match[1]!;
    try {
      const deferred = options.deferVersion ? await this.deferred(credential) : null;
      if (deferred) return { principal: deferred, error: null };
      return { principal: await this.resolve(credential), error: null };
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof AccountSuspendedError) return { principal: null, error: err };
      throw err;
    }
  }

  /** The cached principal, unconfirmed (see `authenticate`), or null: resolve it the ordinary way. */
  private async deferred(credential: string): Promise<Principal | null> {
    const apiKey = looksLikeApiKey(credential);
    const claims = apiKey ? null : await this.tokens.verify(credential);
    const cacheKey = claims ? `u:${claims.userId}` : `k:${hashApiKey(credential)}`;
    const peeked = this.cache.peek(cacheKey, null);
    if (!peeked || peeked.value.suspended || (claims && sessionEnded(peeked.value, claims.epoch))) return null;
    const found = peeked.value;
    const confirm = {
      read: versionKey(found.userId),
      // A changed version: resolve afresh (version, then PostgreSQL); a revoked key or a suspension refuses here.
      check: async (value: string | null) => {
        if (value !== peeked.stamp) await this.resolve(credential);
      },
    };
    if (apiKey) {
      this.usage.touch(found.keyId!);
      return { userId: found.userId, email: found.email, role: found.role, via: 'apiKey', scopes: found.scopes, apiKeyId: found.keyId!, confirm };
    }
    return { userId: found.userId, email: found.email, role: found.role, via: 'session', scopes: [], confirm };
  }

  private async resolve(credential: string): Promise<Principal> {
    if (looksLikeApiKey(credential)) {
      const hash = hashApiKey(credential);
      const found = await this.cache.resolve(`k:${hash}`, null, () => this.loadKey(hash));
      if (!found) throw new UnauthenticatedError('API key is invalid or revoked');
      // Cached rows keep suspended_at too: the version check makes a suspension hold from the next request.
      if (found.suspended) throw new AccountSuspendedError();
      this.usage.touch(found.keyId!);
      return { userId: found.userId, email: found.email, role: found.role, via: 'apiKey', scopes: found.scopes, apiKeyId: found.keyId! };
    }
    const { userId, epoch } = await this.tokens.verify(credential);
    const found = await this.cache.resolve(`u:${userId}`, userId, () => this.loadUser(userId));
    if (!found || sessionEnded(found, epoch)) throw new UnauthenticatedError('Session is no longer valid; sign in again');
    if (found.suspended) throw new AccountSuspendedError();
    return { userId: found.userId, email: found.email, role: found.role, via: 'session', scopes: [] };
  }

  private async loadKey(hash: string): Promise<CachedPrincipal | null> {
    const rows: Row[] = await this.orm.em.getConnection().execute(
      `select u.id, u.email, u.role, k.id as key_id, k.scopes, u.suspended_at
         from api_key k join app_user u on u.id = k.user_id
        where k.secret_hash = ? and k.revoked_at is null`,
      [hash],
    );
    return rows[0] ? toCached(rows[0]) : null;
  }

  private async loadUser(userId: string): Promise<CachedPrincipal | null> {
    const rows: Row[] = await this.orm.em
      .getConnection()
      .execute(`select id, email, role, null as key_id, null as scopes, session_epoch, suspended_at from app_user where id = ?`, [userId]);
    return rows[0] ? toCached(rows[0]) : null;
  }
}
