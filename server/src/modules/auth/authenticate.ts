import type { Orm } from '../../platform/db.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { AccountSuspendedError } from '../admin/account-suspended.error.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';
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
}

/**
 * Turns an `Authorization: Bearer …` value into a principal. A bad credential is not thrown here:
 * public operations (signIn) must still work, so the error is kept and raised by the auth checker
 * when an operation needs a principal.
 */
export class Authenticator {
  constructor(
    private readonly orm: Orm,
    private readonly tokens: SessionTokens,
  ) {}

  async authenticate(header: string | undefined | null): Promise<Authentication> {
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { principal: null, error: new UnauthenticatedError('Authorization must be "Bearer <token>"') };
    const credential = match[1]!;
    try {
      return { principal: await this.resolve(credential), error: null };
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof AccountSuspendedError) return { principal: null, error: err };
      throw err;
    }
  }

  private async resolve(credential: string): Promise<Principal> {
    const connection = this.orm.em.getConnection();
    if (looksLikeApiKey(credential)) {
      // One statement finds the live key and its owner and marks it used (at most once a minute,
      // so a busy key does not write on every request).
      const rows: Row[] = await connection.execute(
        `with k as (
           update api_key set last_used_at = case
               when last_used_at is null or last_used_at < now() - interval '1 minute' then now()
               else last_used_at end
             where secret_hash = ? and revoked_at is null
             returning id, user_id, scopes)
         select u.id, u.email, u.role, k.id as key_id, k.scopes, u.suspended_at from k join app_user u on u.id = k.user_id`,
        [hashApiKey(credential)],
      );
      const row = rows[0];
      if (!row) throw new UnauthenticatedError('API key is invalid or revoked');
      // Read on every request, so a suspension holds from the next request on every replica.
      if (row.suspended_at) throw new AccountSuspendedError();
      return { userId: row.id, email: row.email, role: row.role, via: 'apiKey', scopes: row.scopes ?? [], apiKeyId: row.key_id! };
    }
    const { userId } = await this.tokens.verify(credential);
    const rows: Row[] = await connection.execute(
      `select id, email, role, null as key_id, null as scopes, suspended_at from app_user where id = ?`,
      [userId],
    );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError('Session is no longer valid; sign in again');
    if (row.suspended_at) throw new AccountSuspendedError();
    return { userId: row.id, email: row.email, role: row.role, via: 'session', scopes: [] };
  }
}
