import { randomUUID } from 'node:crypto';
import { chargeFor, costNanoUsd } from '@tollgate/shared';
import type { Logger } from '../../../platform/logger.js';
import { requestHash } from '../../../platform/request-hash.js';
import type { Balance, CreditHold, HoldLeases, LedgerService } from '../../ledger/index.js';
import type { CompletionUsageService } from '../../metering/index.js';
import type { ResponseCache } from '../gateway.cache.js';
import { DEFAULT_CACHE_TTL_SECONDS } from '../gateway.cache.js';
import { ProviderUnavailableError } from '../gateway.errors.js';
import type { IdempotencyClaims } from '../gateway.idempotency.js';
import { checkMonth, usageOfGuard, withCall, type CompletionLimits, type MonthUsage } from '../gateway.limits.js';
import { overageOf, settleFailedEvent, type CompletionEvent, type CompletionMeter } from '../gateway.meter.js';
import { attribution, personOf } from '../caller.js';
import type { CompletionAftermath } from '../gateway.settle.js';
import { validKey } from '../gateway.validate.js';
import { ProviderError } from '../providers/provider.js';
import { caller, MAX_CACHED_CHARS, type EmbeddingsCommand, type EmbeddingsResult } from './embeddings.domain.js';
import { cacheKeyOf, type EmbeddingsCacheHits } from './embeddings.cache-hit.js';
import { termsAt, type EmbeddingsCandidate, type EmbeddingsPlanner, type EmbeddingsPrimary } from './embeddings.plan.js';
import { fromCache, replayEmbeddings, storedOf, toCache } from './embeddings.stored.js';

/**
 * `POST /v1/embeddings`, metered exactly like a completion (docs/decisions/0052-embeddings.md):
 * replay an idempotent retry → plan (quote, tier access, sizes, token count, per-minute limits) →
 * cache (a hit costs the cache-hit price, 0 by default) → hold the exact price, the input being
 * known, in the same statement as the month's check → call the provider → settle at the
 * provider's prompt_tokens (never above the hold) with the usage event in the settle's statement →
 * cache the vectors. Any failure after the hold releases it, metering the failure with it.
 */
export class EmbeddingsService {
  constructor(
    private readonly planner: EmbeddingsPlanner,
    private readonly limits: CompletionLimits,
    private readonly ledger: LedgerService,
    private readonly usage: CompletionUsageService,
    private readonly meter: CompletionMeter,
    private readonly cache: ResponseCache,
    private readonly claims: IdempotencyClaims,
    private readonly aftermath: CompletionAftermath,
    private readonly leases: HoldLeases,
    private readonly log: Logger,
    private readonly hits: EmbeddingsCacheHits,
  ) {}

  async embed(cmd: EmbeddingsCommand): Promise<EmbeddingsResult> {
    const key = validKey(cmd.idempotencyKey);
    const useCache = cmd.useCache ?? true;
    if (!key) return this.run(cmd, null, null, useCache);
    const hash = requestHash('embeddings', { model: cmd.model, inputs: cmd.inputs, dimensions: cmd.dimensions, useCache });
    return this.claims.run(
      cmd.userId,
      key,
      () => replayEmbeddings(this.usage, this.ledger, cmd.userId, key, hash),
      () => this.run(cmd, key, hash, useCache),
    );
  }

  private async run(cmd: EmbeddingsCommand, key: string | null, hash: string | null, useCache: boolean): Promise<EmbeddingsResult> {
    const now = new Date();
    const primary = await this.planner.primary(cmd);
    const { quote, inputTokens } = primary;
    const cacheKey = useCache ? cacheKeyOf(cmd, quote) : '';
    if (useCache) {
      const hit = fromCache(await this.cache.get(cacheKey));
      if (hit) {
        const used = await this.limits.month(quote.tier, cmd.userId, inputTokens, now);
        return this.hits.answer(cmd, quote, hit, key, hash, used);
      }
    }
    const candidate = await this.planner.candidate(cmd.userId, primary);
    const id = randomUUID();
    const asked = Date.now();
    let hold: CreditHold | null = null;
    let used: MonthUsage;
    if (candidate.worstCase > 0n) {
      const guard = this.limits.guard(quote.tier, cmd.userId, inputTokens, { within: candidate.within, over: candidate.worstCase }, now);
      const held = await this.ledger.holdGuarded(
        {
          userId: cmd.userId,
          amount: candidate.worstCase,
          idempotencyKey: `embeddings:${id}`,
          reference: `embeddings:${id}`,
          ttlSeconds: this.leases.leaseSeconds,
          quiet: true,
          ...attribution(cmd),
        },
        guard,
      );
      if (!held.guard) {
        used = await this.limits.month(quote.tier, cmd.userId, inputTokens, now).catch(async (err) => {
          if (held.hold) await this.aftermath.giveBack(caller(cmd), held.hold.id, null);
          throw err;
        });
      } else used = usageOfGuard(held.guard, now);
      if (!held.hold) {
        checkMonth(quote.tier, used, inputTokens);
        throw new Error('the hold was refused with the month admitting the call');
      }
      hold = held.hold;
    } else {
      used = await this.limits.month(quote.tier, cmd.userId, inputTokens, now);
    }
    const untrack = hold ? this.leases.track(hold.id, asked) : () => undefined;
    const failure: { event: CompletionEvent | null } = { event: null };
    let settled: { result: Omit<EmbeddingsResult, 'balance'>; balance: Balance | null; before: Balance | null };
    try {
      settled = await this.callAndSettle(cmd, id, primary, candidate, used, hold, key, hash, failure);
    } catch (err) {
      if (hold) await this.aftermath.giveBack(caller(cmd), hold.id, failure.event);
      else if (failure.event) await this.aftermath.meterFailure(caller(cmd), failure.event);
      throw err;
    } finally {
      untrack();
    }
    const { result } = settled;
    const answer = useCache ? toCache(result) : null;
    // A huge batch (up to 2,048 × 3,072 floats: 25 MB) is not worth a cache entry; a call that size is rarely repeated.
    const store = answer && answer.content.length <= MAX_CACHED_CHARS ? { key: cacheKey, answer, ttl: DEFAULT_CACHE_TTL_SECONDS } : null;
    await this.aftermath.afterCommit(caller(cmd), candidate.quote, store, withCall(used, { inputTokens: result.inputTokens, outputTokens: 0 }));
    const balance = settled.balance ?? settled.before ?? (await this.aftermath.balanceAfterCommit(cmd.userId));
    return { ...result, balance };
  }

  private async callAndSettle(
    cmd: EmbeddingsCommand,
    id: string,
    primary: EmbeddingsPrimary,
    candidate: EmbeddingsCandidate,
    used: MonthUsage,
    hold: CreditHold | null,
    key: string | null,
    hash: string | null,
    failure: { event: CompletionEvent | null },
  ) {
    const { quote, provider, byok } = candidate;
    const started = Date.now();
    let answer;
    try {
      answer = await provider.embed({ model: quote.model.providerModel, inputs: cmd.inputs, dimensions: cmd.dimensions });
    } catch (err) {
      const reason = err instanceof ProviderError ? err.message : 'unexpected provider failure';
      this.log.warn({ err, model: quote.model.id }, 'embeddings provider call failed');
      failure.event = {
        modelId: quote.model.id,
        provider: provider.name,
        status: 'error',
        errorCode: 'PROVIDER_UNAVAILABLE',
        latencyMs: Date.now() - started,
        holdId: hold?.id ?? null,
        byok,
      };
      throw new ProviderUnavailableError(`${quote.model.displayName} failed: ${reason}`);
    }
    const latencyMs = Date.now() - started;
    const usage = { inputTokens: answer.inputTokens ?? primary.inputTokens, outputTokens: 0 };
    const terms = termsAt(quote, used);
    const actual = byok ? 0n : chargeFor(terms, usage);
    // The hold is the ceiling: a provider that reports more than we counted is not the user's to pay.
    const charged = hold && actual > hold.amount ? hold.amount : actual;
    const result = {
      id,
      model: quote.model.id,
      provider: provider.name,
      byok,
      cached: false,
      vectors: answer.vectors,
      inputTokens: usage.inputTokens,
      charged,
    };
    const event: CompletionEvent = {
      modelId: quote.model.id,
      provider: provider.name,
      status: 'ok',
      latencyMs,
      holdId: hold?.id ?? null,
      inputTokens: usage.inputTokens,
      outputTokens: 0,
      byok,
      costNano: costNanoUsd(quote.model.price, usage),
      markupBps: quote.markupBps,
      charged,
      overage: overageOf(terms, usage, charged),
      idempotencyKey: key,
      requestHash: hash,
      response: storedOf(result, key !== null),
    };
    failure.event = settleFailedEvent(event); // the provider's cost on record, nothing charged or counted
    let balance: Balance | null = null;
    let before: Balance | null = null;
    if (hold) {
      const settled = await this.aftermath.settle(hold.id, failure, () =>
        this.ledger.settle({
          userId: cmd.userId,
          holdId: hold.id,
          amount: charged,
          actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: personOf(cmd) },
          description: `Embeddings with ${quote.model.displayName}`,
          reference: `embeddings:${id}`,
          companion: this.meter.companion(caller(cmd), event),
        }),
      );
      balance = settled.balance;
    } else {
      before = await this.aftermath.balanceBefore(cmd.userId);
      await this.meter.record(caller(cmd), event);
    }
    return { result, balance, before };
  }
}
