import type { Orm } from '../../platform/db.js';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';
import { AccountSuspendedError } from '../admin/index.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';
import type { ApiKeyUsage } from './api-key-usage.js';
import { versionKey, type CachedPrincipal, type PrincipalCache } from './principal-cache.js';
import { KEY_SQL, toCached, USER_SQL, type PrincipalRow } from './principal-rows.js';
import type { Principal } from './principal.js';
import type { SessionTokens } from './session-token.js';

export type Authentication = { principal: Principal | null; error: UnauthenticatedError | AccountSuspendedError | ForbiddenError | null };

export interface AuthenticateOptions {
  deferVersion?: boolean;
  /** The team a session acts for (`X-Tollgate-Account`); ignored for an API key, which belongs to one account. */
  account?: string | null;
}

/** A key past its expiry date is refused like a revoked one, whatever the cache holds. */
const expired = (found: CachedPrincipal) => found.key?.expiresAt != null && found.key.expiresAt.getTime() <= Date.now();

/** The principal of a key, from what was read of it. */
function keyPrincipal(found: CachedPrincipal): Principal {
  if (expired(found)) throw new UnauthenticatedError('API key has expired');
  // A team key of a team an admin suspended: refused like its members acting for it.
  if (found.accountSuspended) throw new AccountSuspendedError();
  const accountId = found.accountId ?? found.userId;
  const team = accountId !== found.userId && found.keyTeam ? { id: accountId, role: found.keyTeam.role, cap: found.keyTeam.cap } : null;
  return {
    userId: found.userId,
    email: found.email,
    role: found.role,
    via: 'apiKey',
    scopes: found.scopes,
    apiKeyId: found.keyId!,
    accountId,
    team,
    key: found.key,
  };
}

/** The principal of a session, acting for `account` when given (one of the person's teams, else FORBIDDEN). */
function sessionPrincipal(found: CachedPrincipal, account: string | null | undefined): Principal {
  const base = { userId: found.userId, email: found.email, role: found.role, via: 'session' as const, scopes: [] };
  if (!account || account === found.userId) return { ...base, accountId: found.userId, team: null };
  const membership = found.memberships?.find((m) => m.teamId === account);
  if (!membership) throw new ForbiddenError('You are not a member of that team');
  if (membership.suspended) throw new AccountSuspendedError();
  return { ...base, accountId: account, team: { id: account, role: membership.role, cap: membership.cap } };
}

const ANONYMOUS: Authentication = { principal: null, error: null };

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
  async authenticate(header: string | undefined | null, options: AuthenticateOptions = {}): Promise<Authentication> {
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { principal: null, error: new UnauthenticatedError('Authorization must be "Bearer <token>"') };
    const credential = match[1]!;
    try {
      const deferred = options.deferVersion ? await this.deferred(credential, options.account) : null;
      if (deferred) return { principal: deferred, error: null };
      return { principal: await this.resolve(credential, options.account), error: null };
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof AccountSuspendedError || err instanceof ForbiddenError) return { principal: null, error: err };
      throw err;
    }
  }

  /** The cached principal, unconfirmed (see `authenticate`), or null: resolve it the ordinary way. */
  private async deferred(credential: string, account: string | null | undefined): Promise<Principal | null> {
    const apiKey = looksLikeApiKey(credential);
    const claims = apiKey ? null : await this.tokens.verify(credential);
    const cacheKey = claims ? `u:${claims.userId}` : `k:${hashApiKey(credential)}`;
    const peeked = this.cache.peek(cacheKey, null);
    if (!peeked || peeked.value.suspended || (claims && sessionEnded(peeked.value, claims.epoch))) return null;
    const found = peeked.value;
    const confirm = {
      read: versionKey(found.userId),
      // A changed version: resolve afresh (version, then PostgreSQL); a revoked key or a suspension refuses here,
      // and a change of limits (a key's cap or models, a member's cap) is answered for the caller to act on.
      check: async (value: string | null): Promise<Principal | void> => {
        if (value !== peeked.stamp) return this.resolve(credential, account);
      },
      // Before refusing on what the cached principal allows (a key's models): the principal as it is now.
      fresh: () => this.resolve(credential, account),
    };
    if (apiKey) {
      const principal = keyPrincipal(found);
      this.usage.touch(found.keyId!);
      return { ...principal, confirm };
    }
    return { ...sessionPrincipal(found, account), confirm };
  }

  private async resolve(credential: string, account: string | null | undefined): Promise<Principal> {
    if (looksLikeApiKey(credential)) {
      const hash = hashApiKey(credential);
      const found = await this.cache.resolve(`k:${hash}`, null, () => this.loadKey(hash));
      if (!found) throw new UnauthenticatedError('API key is invalid or revoked');
      // Cached rows keep suspended_at too: the version check makes a suspension hold from the next request.
      if (found.suspended) throw new AccountSuspendedError();
      const principal = keyPrincipal(found);
      this.usage.touch(found.keyId!);
      return principal;
    }
    const { userId, epoch } = await this.tokens.verify(credential);
    const found = await this.cache.resolve(`u:${userId}`, userId, () => this.loadUser(userId));
    if (!found || sessionEnded(found, epoch)) throw new UnauthenticatedError('Session is no longer valid; sign in again');
    if (found.suspended) throw new AccountSuspendedError();
    return sessionPrincipal(found, account);
  }

  private async loadKey(hash: string): Promise<CachedPrincipal | null> {
    const rows: PrincipalRow[] = await this.orm.em.getConnection().execute(KEY_SQL, [hash]);
    return rows[0] ? toCached(rows[0]) : null;
  }

  private async loadUser(userId: string): Promise<CachedPrincipal | null> {
    const rows: PrincipalRow[] = await this.orm.em.getConnection().execute(USER_SQL, [userId]);
    return rows[0] ? toCached(rows[0]) : null;
  }
}

/** The header naming the team a session acts for (the SPA's team switcher sends it on every request). */
export const ACTING_ACCOUNT_HEADER = 'x-tollgate-account';

/** The acting account a request names, if any. */
export function actingAccount(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers[ACTING_ACCOUNT_HEADER];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
