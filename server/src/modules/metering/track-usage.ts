import { naming } from '../../platform/echo.js';
import { BadUserInputError, ForbiddenError, IdempotencyConflictError, NotFoundError } from '../../platform/errors.js';
import type { CatalogService } from '../catalog/index.js';
import type { PricingPolicy } from '../catalog/index.js';
import { isUuid } from '../../platform/ids.js';
import type { Actor, Balance } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import { idempotencyKey, text } from '../ledger/index.js';
import { requestHash } from '../../platform/request-hash.js';
import { serviceCharge, serviceMarkupBps, type ServicePriceStore } from './service-prices.js';
import type { UsageStore } from './usage.store.js';

/**
 * One report may carry at most this many units. The largest honest batch (a long audio file
 * in seconds, a day of a big tenant's TTS in characters) stays far below it; a number beyond
 * it is a bug in the reporting service, and charging it would drain the account.
 */
export const MAX_UNITS = 100_000_000;

export interface TrackCaller {
  /** The account the caller acts for (a team's for a team key): charged unless `userId` names another. */
  userId: string;
  /** The person calling (a key's owner), attributed on the usage event of their own account's charge. */
  memberId?: string | null;
  /** An admin session, or an admin's key with the admin scope: may charge any account. */
  admin: boolean;
  apiKeyId: string | null;
}

export interface TrackUsageCommand {
  userId?: string | null;
  service: string;
  units: number;
  idempotencyKey: string;
  model?: string | null;
  description?: string | null;
}

export interface TrackedUsageResult {
  id: string;
  service: string;
  units: number;
  charged: bigint;
  balance: Balance;
  replayed: boolean;
}

interface StoredTracked {
  service: string;
  units: number;
  charged: string;
}

/**
 * Metering for the services other than completions (embeddings, TTS, STT, search, rerank, agents):
 * priced per unit, charged through the ledger with the caller's idempotency key, and the usage
 * event with its rollup written inside the ledger's transaction, so the charge and its record
 * commit together or not at all.
 */
export class TrackUsageService {
  constructor(
    private readonly prices: ServicePriceStore,
    private readonly catalog: CatalogService,
    private readonly ledger: LedgerService,
    private readonly usage: UsageStore,
    private readonly policy: Pick<PricingPolicy, 'byClassBps' | 'creditUsdMicro'>,
  ) {}

  async track(caller: TrackCaller, cmd: TrackUsageCommand): Promise<TrackedUsageResult> {
    const serviceName = (cmd.service ?? '').trim();
    if (!Number.isInteger(cmd.units) || cmd.units < 1 || cmd.units > MAX_UNITS) {
      throw new BadUserInputError(`units must be a whole number from 1 to ${MAX_UNITS}`, 'units');
    }
    const key = idempotencyKey(cmd.idempotencyKey);
    const model = text(cmd.model, 'model', { max: 100 });
    const note = text(cmd.description, 'description', { max: 200 });
    const userId = cmd.userId ?? caller.userId;
    if (userId !== caller.userId && !caller.admin)
      throw new ForbiddenError('A service key may only report usage for its own account; charging another needs an admin');
    if (!isUuid(userId)) throw new NotFoundError('User');
    const price = await this.prices.find(serviceName);
    if (!price) throw new BadUserInputError(`Unknown ${naming('service', serviceName)}; servicePrices lists them`, 'service');
    const hash = requestHash('trackUsage', { service: price.service, units: cmd.units, model, description: note });

    const earlier = await this.replay(userId, key, hash);
    if (earlier) return earlier;
    const tier = await this.catalog.tierOf(userId);
    const markupBps = serviceMarkupBps(tier, this.policy);
    const units = BigInt(cmd.units);
    const { costNano, charged } = serviceCharge(price, units, markupBps, this.policy.creditUsdMicro);
    const stored: StoredTracked = { service: price.service, units: cmd.units, charged: charged.toString() };
    const event = {
      userId,
      apiKeyId: caller.apiKeyId,
      memberId: userId === caller.userId ? (caller.memberId ?? null) : null,
      service: price.service,
      modelId: model,
      provider: null,
      status: 'ok' as const,
      errorCode: null,
      inputTokens: 0,
      outputTokens: 0,
      units,
      costNano,
      markupBps,
      charged,
      cached: false,
      byok: false,
      latencyMs: 0,
      holdId: null,
      idempotencyKey: key,
      requestHash: hash,
      response: stored,
    };

    const written: { id: string | null } = { id: null };
    if (charged === 0n) {
      // A free service moves no money: the event's unique key is the whole idempotency record.
      written.id = await this.usage.record(event);
    } else {
      const description = `${price.service}: ${cmd.units} ${price.unit}${cmd.units === 1 ? '' : 's'}${model ? ` (${model})` : ''}${note ? ` — ${note}` : ''}`;
      const spent = await this.ledger.spend({
        userId,
        amount: charged,
        idempotencyKey: `track-usage:${key}`,
        actor: this.actor(caller),
        description,
        reference: `usage:${price.service}`,
        within: async (tx) => {
          written.id = await this.usage.record(event, tx);
          // The key was taken meanwhile (by a completion, or this report racing itself): charge nothing.
          if (!written.id) throw new IdempotencyConflictError(key);
        },
      });
      if (spent.replayed) written.id = null; // an identical report committed first: answer with its record
    }
    if (!written.id) {
      const replay = await this.replay(userId, key, hash);
      if (!replay) throw new IdempotencyConflictError(key);
      return replay;
    }
    return { id: written.id, service: price.service, units: cmd.units, charged, balance: await this.ledger.balance(userId), replayed: false };
  }

  /** Same key and report: the first result, nothing charged again. Same key, another request: a conflict. */
  private async replay(userId: string, key: string, hash: string): Promise<TrackedUsageResult | null> {
    const found = await this.usage.findByKey(userId, key);
    if (!found) return null;
    if (found.requestHash !== hash) throw new IdempotencyConflictError(key);
    const stored = found.response as StoredTracked;
    return {
      id: found.id,
      service: stored.service,
      units: stored.units,
      charged: BigInt(stored.charged),
      balance: await this.ledger.balance(userId),
      replayed: true,
    };
  }

  private actor(caller: TrackCaller): Actor {
    if (caller.apiKeyId) return { type: 'api_key', id: caller.apiKeyId };
    return { type: caller.admin ? 'admin' : 'user', id: caller.memberId ?? caller.userId };
  }
}
