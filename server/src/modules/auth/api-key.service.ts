import { API_KEY_NAME_MAX_LENGTH, isApiKeyScope, isTeamManager, type ApiKeyScope, type SpendPeriod } from '@tollgate/shared';
import type { Orm } from '../../platform/db.js';
import { BadUserInputError, ForbiddenError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { PeriodSpend, SpendReads } from '../ledger/index.js';
import { assertMayRevoke, assertMaySetLimits, lockKeyAccess } from './api-key.access.js';
import { ApiKey } from './api-key.entity.js';
import { generateApiKey } from './api-key-secret.js';
import type { ApiKeyUsage } from './api-key-usage.js';
import { validLimits, type LimitsCommand } from './key-limits.js';
import type { PrincipalCache } from './principal-cache.js';
import type { Principal } from './principal.js';
import { User } from './user.entity.js';

export interface CreateApiKeyCommand extends LimitsCommand {
  name: string;
  scopes: string[];
}

/** A key as listed: with its owner's email and, when it has a cap, the current period's spend. */
export interface ApiKeyView {
  key: ApiKey;
  ownerEmail: string;
  spend: PeriodSpend | null;
}

/** Enough for any real integration; a cap keeps a runaway script from filling the table. Counted per owner per account. */
export const MAX_ACTIVE_KEYS_PER_USER = 50;

/** API keys on an account, a person's own or a team's (docs/decisions/0060-key-limits-api.md). */
export class ApiKeyService {
  constructor(
    private readonly orm: Orm,
    private readonly principals: PrincipalCache,
    private readonly usage: ApiKeyUsage,
    private readonly spend: SpendReads,
    /** Whether a model id is in the catalog (an allow-list names only known models). */
    private readonly knownModel: (id: string) => boolean,
  ) {}

  /** A key on the acting account, owned by the caller. Returns the stored key and its secret; the secret exists only in this return value. */
  async create(principal: Principal, command: CreateApiKeyCommand): Promise<{ apiKey: ApiKeyView; secret: string }> {
    const name = (command.name ?? '').trim();
    if (name.length === 0) throw new BadUserInputError('Name is required', 'name');
    if (name.length > API_KEY_NAME_MAX_LENGTH) {
      throw new BadUserInputError(`Name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`, 'name');
    }
    const scopes = validScopes(command.scopes);
    if (scopes.includes('admin') && principal.role !== 'admin') {
      throw new ForbiddenError('Only admins may create keys with the admin scope');
    }
    // A member may give their own new key limits: they only narrow what the key could do without them.
    const limits = validLimits(command, this.knownModel);
    const { prefix, secret, secretHash } = generateApiKey();
    const apiKey = await this.orm.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      // Serialise key creation per person so the cap below cannot be raced past.
      await conn.execute('select id from app_user where id = ? for update', [principal.userId], 'all', em.getTransactionContext());
      if (principal.accountId !== principal.userId) {
        const member = await conn.execute(
          'select 1 from team_member where team_id = ? and user_id = ?',
          [principal.accountId, principal.userId],
          'all',
          em.getTransactionContext(),
        );
        if (member.length === 0) throw new ForbiddenError('You are not a member of that team');
      }
      const active = await em.count(ApiKey, { user: principal.userId, accountId: principal.accountId, revokedAt: null });
      if (active >= MAX_ACTIVE_KEYS_PER_USER) {
        throw new BadUserInputError(`A user may have at most ${MAX_ACTIVE_KEYS_PER_USER} active API keys on one account; revoke one first`);
      }
      const key = em.create(ApiKey, {
        user: em.getReference(User, principal.userId),
        accountId: principal.accountId,
        name,
        prefix,
        secretHash,
        scopes,
        ...limits,
      });
      em.persist(key);
      return key;
    });
    return { apiKey: { key: apiKey, ownerEmail: principal.email, spend: await this.spendOf(apiKey) }, secret };
  }

  /** The acting account's keys: on a team, an owner or admin sees every key, a member only their own. */
  listFor(principal: Principal, includeRevoked: boolean): Promise<ApiKeyView[]> {
    const mine = principal.team !== null && !isTeamManager(principal.team.role);
    const where = { accountId: principal.accountId, ...(mine ? { user: principal.userId } : {}) };
    return this.views(includeRevoked ? where : { ...where, revokedAt: null }, true);
  }

  /** For the admin console: every key a person owns (any account) or an account holds, revoked ones included when asked. */
  list(userId: string, includeRevoked: boolean): Promise<ApiKeyView[]> {
    if (!isUuid(userId)) return Promise.resolve([]);
    const where = { $or: [{ user: userId }, { accountId: userId }] };
    return this.views(includeRevoked ? where : { ...where, revokedAt: null }, true);
  }

  /** Revoking is idempotent; a key the caller may not see is reported as not found, not as forbidden. */
  async revoke(principal: Principal, id: string): Promise<ApiKeyView> {
    if (!isUuid(id)) throw new BadUserInputError('id is not a valid API key id', 'id');
    const em = this.orm.em.fork();
    const { ownerId, changed } = await em.transactional(async (tx) => {
      const row = await lockKeyAccess(tx, principal.userId, id);
      assertMayRevoke(row, principal.userId);
      if (row.revoked_at) return { ownerId: row.user_id, changed: false };
      await tx.nativeUpdate(ApiKey, { id }, { revokedAt: new Date() });
      return { ownerId: row.user_id, changed: true };
    });
    // Committed: now every replica's cached principal for the key must go before we answer.
    if (changed) await this.principals.invalidate(ownerId);
    return this.one(id);
  }

  /** Replaces a key's cap, expiry and model allow-list (null clears each). */
  async setLimits(principal: Principal, id: string, command: LimitsCommand): Promise<ApiKeyView> {
    if (!isUuid(id)) throw new BadUserInputError('id is not a valid API key id', 'id');
    const limits = validLimits(command, this.knownModel);
    const ownerId = await this.orm.em.fork().transactional(async (tx) => {
      const row = await lockKeyAccess(tx, principal.userId, id);
      assertMaySetLimits(row, principal.userId);
      if (row.revoked_at) throw new BadUserInputError('This API key is revoked; create a new one', 'id');
      await tx.nativeUpdate(ApiKey, { id }, limits);
      return row.user_id;
    });
    await this.principals.invalidate(ownerId);
    return this.one(id);
  }

  private async one(id: string): Promise<ApiKeyView> {
    const [view] = await this.views({ id });
    return view!;
  }

  /** Keys with their owners (one query for the owners) and their caps' spend (one statement for all). */
  private async views(where: object, listing = false): Promise<ApiKeyView[]> {
    // Listing: this replica's noted uses first, so lastUsedAt shows the request just made with the key.
    if (listing) await this.usage.flush();
    const keys = await this.orm.em.fork().find(ApiKey, where, { populate: ['user'], orderBy: { createdAt: 'desc', id: 'asc' } });
    const capped = keys.filter((k) => k.capMicro != null && k.capPeriod != null);
    const spent = await this.spend.keys(capped.map((k) => ({ id: k.id, period: k.capPeriod as SpendPeriod })));
    const byId = new Map(capped.map((k, i) => [k.id, spent[i]!]));
    return keys.map((key) => ({ key, ownerEmail: key.user.email, spend: byId.get(key.id) ?? null }));
  }

  private async spendOf(key: ApiKey): Promise<PeriodSpend | null> {
    if (key.capMicro == null || key.capPeriod == null) return null;
    return (await this.spend.keys([{ id: key.id, period: key.capPeriod as SpendPeriod }]))[0]!;
  }
}

function validScopes(raw: unknown): ApiKeyScope[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new BadUserInputError('Choose at least one scope', 'scopes');
  const unknown = raw.filter((s) => typeof s !== 'string' || !isApiKeyScope(s));
  if (unknown.length > 0) throw new BadUserInputError(`Unknown scope: ${unknown.map(String).join(', ')}`, 'scopes');
  return [...new Set(raw as ApiKeyScope[])];
}
