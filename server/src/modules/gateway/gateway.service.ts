import { randomUUID } from 'node:crypto';
import { chargeFor, costNanoUsd, countMessageTokens, estimateCharge } from '@tollgate/shared';
import { DomainError, IdempotencyConflictError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { ModelRecommender } from '../catalog/catalog.recommend.js';
import { tokenizerFamily, type CatalogService, type Quote } from '../catalog/catalog.service.js';
import { requestHash } from '../ledger/ledger.validate.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { UsageStore } from '../metering/usage.store.js';
import type { CompletionCommand, CompletionResult, StoredCompletion } from './gateway.domain.js';
import { validKey, validMessages, validTemperature } from './gateway.validate.js';
import { ProviderError, type Provider } from './providers/provider.js';
import type { CompletionLimits } from './gateway.limits.js';
import { validTtl, type CachedAnswer, type ResponseCache } from './gateway.cache.js';

export class ProviderUnavailableError extends DomainError {
  constructor(message: string) {
    super('PROVIDER_UNAVAILABLE', message);
  }
}

/**
 * A completion, step by step (DESIGN.md): validate → resolve the model (`auto`) → tier checks →
 * hold the worst case → call the provider → settle the actual cost (never above the hold) and
 * release the rest → record the usage event. A failure releases the whole hold.
 */
export class GatewayService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly recommender: ModelRecommender,
    private readonly ledger: LedgerService,
    private readonly usage: UsageStore,
    private readonly providers: Record<string, Provider>,
    private readonly limits: CompletionLimits,
    private readonly cache: ResponseCache,
    private readonly log: Logger,
  ) {}

  async complete(cmd: CompletionCommand): Promise<CompletionResult> {
    const messages = validMessages(cmd);
    const temperature = validTemperature(cmd.temperature);
    const key = validKey(cmd.idempotencyKey);
    const useCache = cmd.useCache ?? true;
    const cacheTtl = validTtl(cmd.cacheTtlSeconds);
    const hash = requestHash('complete', { model: cmd.model, messages, maxTokens: cmd.maxTokens ?? null, temperature, useCache: cmd.useCache ?? true });
    if (key) {
      const replay = await this.replay(cmd.userId, key, hash);
      if (replay) return replay;
    }
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')!.content;
    const modelId = await this.recommender.resolve(cmd.userId, cmd.model, lastUser, cmd.maxTokens);
    const quote = await this.catalog.quote(cmd.userId, modelId);
    const maxTokens = this.catalog.outputBudget(quote, cmd.maxTokens);
    const provider = this.providers[quote.model.provider];
    if (!provider || !provider.available) {
      throw new ProviderUnavailableError(`${quote.model.displayName} is not available: its provider is not configured`);
    }
    const inputTokens = countMessageTokens(messages, tokenizerFamily(quote.model), quote.model.providerModel);
    await this.limits.admit(quote.tier, cmd.userId, cmd.apiKeyId, inputTokens + maxTokens, new Date());
    const cacheKey = this.cache.key({ userId: cmd.userId, model: quote.model.id, messages, maxTokens, temperature });
    if (useCache) {
      const hit = await this.cache.get(cacheKey);
      if (hit) return this.answerFromCache(cmd, quote, hit, key, hash);
    }
    const worstCase = estimateCharge(quote.terms, inputTokens, maxTokens).max;
    const id = randomUUID();
    const hold = worstCase > 0n
      ? (await this.ledger.hold({ userId: cmd.userId, amount: worstCase, idempotencyKey: `completion:${key ?? id}`, reference: `completion:${id}` })).hold
      : null;
    const started = Date.now();
    let response;
    try {
      response = await provider.complete({ model: quote.model.providerModel, messages, maxTokens, temperature });
    } catch (err) {
      if (hold) await this.ledger.release(cmd.userId, hold.id);
      const reason = err instanceof ProviderError ? err.message : 'unexpected provider failure';
      this.log.warn({ err, model: quote.model.id }, 'provider call failed');
      await this.record(cmd, { modelId: quote.model.id, provider: provider.name, status: 'error', errorCode: 'PROVIDER_UNAVAILABLE', latencyMs: Date.now() - started, holdId: hold?.id ?? null });
      throw new ProviderUnavailableError(`${quote.model.displayName} failed: ${reason}`);
    }
    const usage = { inputTokens: response.usage.inputTokens, outputTokens: Math.min(response.usage.outputTokens, maxTokens), cachedInputTokens: response.usage.cachedInputTokens };
    const actual = chargeFor(quote.terms, usage);
    // The hold is the ceiling: a provider that reports more than we counted is not the user's to pay.
    const charged = hold && actual > hold.amount ? hold.amount : actual;
    if (hold) {
      await this.ledger.settle({ userId: cmd.userId, holdId: hold.id, amount: charged, actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: cmd.userId }, description: `${quote.model.displayName} completion`, reference: `completion:${id}` });
    }
    const stored: StoredCompletion = { id, model: quote.model.id, content: response.content, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }, charged: charged.toString() };
    await this.record(cmd, {
      modelId: quote.model.id, provider: provider.name, status: 'ok', errorCode: null, latencyMs: Date.now() - started, holdId: hold?.id ?? null,
      inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costNano: costNanoUsd(quote.model.price, usage), markupBps: quote.markupBps, charged,
      idempotencyKey: key, requestHash: hash, response: stored,
    });
    if (useCache) await this.cache.put(cacheKey, { model: stored.model, content: stored.content, usage: stored.usage }, cacheTtl);
    const balance = await this.ledger.balance(cmd.userId);
    return { ...stored, cached: false, charged, available: balance.available, balance };
  }

  /** A cache hit costs nothing (no hold, no provider), is metered as cached, and records what it saved. */
  private async answerFromCache(cmd: CompletionCommand, quote: Quote, hit: CachedAnswer, key: string | null, hash: string): Promise<CompletionResult> {
    const id = randomUUID();
    const saved = chargeFor(quote.terms, hit.usage);
    const stored: StoredCompletion = { id, model: hit.model, content: hit.content, usage: hit.usage, charged: '0' };
    await this.record(cmd, {
      modelId: quote.model.id, provider: quote.model.provider, status: 'cached', cached: true, inputTokens: hit.usage.inputTokens,
      outputTokens: hit.usage.outputTokens, markupBps: quote.markupBps, saved, idempotencyKey: key, requestHash: hash, response: stored,
    });
    const balance = await this.ledger.balance(cmd.userId);
    return { ...stored, cached: true, charged: 0n, available: balance.available, balance };
  }

  /** Same key, same request: the stored answer, nothing called or charged. Same key, other request: a conflict. */
  private async replay(userId: string, key: string, hash: string): Promise<CompletionResult | null> {
    const found = await this.usage.findByKey(userId, key);
    if (!found) return null;
    if (found.requestHash !== hash) throw new IdempotencyConflictError(key);
    const stored = found.response as StoredCompletion;
    const balance = await this.ledger.balance(userId);
    return { ...stored, cached: found.status === 'cached', charged: BigInt(stored.charged), available: balance.available, balance };
  }

  private async record(cmd: CompletionCommand, e: Partial<Parameters<UsageStore['record']>[0]> & { status: 'ok' | 'error' | 'cached' }): Promise<void> {
    await this.usage.record({
      userId: cmd.userId, apiKeyId: cmd.apiKeyId, service: 'completion', modelId: null, provider: null, errorCode: null,
      inputTokens: 0, outputTokens: 0, costNano: 0n, markupBps: 0n, charged: 0n, cached: false, byok: false, latencyMs: 0,
      holdId: null, idempotencyKey: null, requestHash: null, response: null, ...e,
    });
  }
}
