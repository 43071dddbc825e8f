import { API_KEY_NAME_MAX_LENGTH, isApiKeyScope, type ApiKeyScope } from '@tollgate/shared';
import type { Orm } from '../../platform/db.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { ApiKey } from './api-key.entity.js';
import { generateApiKey } from './api-key-secret.js';
import type { ApiKeyUsage } from './api-key-usage.js';
import type { PrincipalCache } from './principal-cache.js';
import type { Principal } from './principal.js';
import { User } from './user.entity.js';

export interface CreateApiKeyCommand {
  name: string;
  scopes: string[];
}

/** Enough for any real integration; a cap keeps a runaway script from filling the table. */
export const MAX_ACTIVE_KEYS_PER_USER = 50;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ApiKeyService {
  constructor(
    private readonly orm: Orm,
    private readonly principals: PrincipalCache,
    private readonly usage: ApiKeyUsage,
  ) {}

  /** Returns the stored key and its secret; the secret exists only in this return value. */
  async create(principal: Principal, command: CreateApiKeyCommand): Promise<{ apiKey: ApiKey; secret: string }> {
    const name = (command.name ?? '').trim();
    if (name.length === 0) throw new BadUserInputError('Name is required', 'name');
    if (name.length > API_KEY_NAME_MAX_LENGTH) {
      throw new BadUserInputError(`Name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`, 'name');
    }
    const scopes = validScopes(command.scopes);
    if (scopes.includes('admin') && principal.role !== 'admin') {
      throw new ForbiddenError('Only admins may create keys with the admin scope');
    }
    const { prefix, secret, secretHash } = generateApiKey();
    const apiKey = await this.orm.em.fork().transactional(async (em) => {
      // Serialise key creation per user so the cap below cannot be raced past.
      await em.getConnection().execute('select id from app_user where id = ? for update', [principal.userId], 'all', em.getTransactionContext());
      const active = await em.count(ApiKey, { user: principal.userId, revokedAt: null });
      if (active >= MAX_ACTIVE_KEYS_PER_USER) {
        throw new BadUserInputError(`A user may have at most ${MAX_ACTIVE_KEYS_PER_USER} active API keys; revoke one first`);
      }
      const key = em.create(ApiKey, { user: em.getReference(User, principal.userId), accountId: principal.accountId, name, prefix, secretHash, scopes });
      em.persist(key);
      return key;
    });
    return { apiKey, secret };
  }

  async list(userId: string, includeRevoked: boolean): Promise<ApiKey[]> {
    // This replica's noted uses first, so lastUsedAt shows the request just made with the key.
    await this.usage.flush();
    return this.orm.em
      .fork()
      .find(ApiKey, includeRevoked ? { user: userId } : { user: userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** Revoking is idempotent; someone else's key is reported as not found, not as forbidden. */
  async revoke(principal: Principal, id: string): Promise<ApiKey> {
    if (!UUID_RE.test(id)) throw new BadUserInputError('id is not a valid API key id', 'id');
    const em = this.orm.em.fork();
    const revoked = await em.nativeUpdate(ApiKey, { id, user: principal.userId, revokedAt: null }, { revokedAt: new Date() });
    // Committed: now every replica's cached principal for the key must go before we answer.
    if (revoked > 0) await this.principals.invalidate(principal.userId);
    const key = await em.findOne(ApiKey, { id, user: principal.userId });
    if (!key) throw new NotFoundError('API key');
    return key;
  }
}

function validScopes(raw: unknown): ApiKeyScope[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new BadUserInputError('Choose at least one scope', 'scopes');
  const unknown = raw.filter((s) => typeof s !== 'string' || !isApiKeyScope(s));
  if (unknown.length > 0) throw new BadUserInputError(`Unknown scope: ${unknown.map(String).join(', ')}`, 'scopes');
  return [...new Set(raw as ApiKeyScope[])];
}
