import { randomUUID } from 'node:crypto';
import { chargeFor, costNanoUsd, type ChatMessage } from '@tollgate/shared';
import { IdempotencyConflictError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Quote } from '../catalog/catalog.service.js';
import { requestHash } from '../ledger/ledger.validate.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { UsageStore } from '../metering/usage.store.js';
import { callCandidate, settledUsage, type CallOutcome, type Delivered } from './gateway.call.js';
import type { CompletionCommand, CompletionOptions, CompletionResult, StoredCompletion } from './gateway.domain.js';
import { ProviderUnavailableError } from './gateway.errors.js';
import type { IdempotencyClaims } from './gateway.idempotency.js';
import type { CompletionMeter } from './gateway.meter.js';
import type { Candidate, CompletionPlanner } from './gateway.plan.js';
import { validKey, validMessages, validTemperature } from './gateway.validate.js';
import { ProviderError } from './providers/provider.js';
import { validTtl, type CachedAnswer, type ResponseCache } from './gateway.cache.js';

export { ProviderUnavailableError } from './gateway.errors.js';

interface Request {
  messages: ChatMessage[];
  temperature: number | null;
  key: string | null;
  useCache: boolean;
  cacheTtl: number;
  hash: string;
}

/** Called after every metered completion, e.g. to warn at 80% of a monthly allowance. */
export type AfterUsage = (userId: string, quote: Quote) => Promise<unknown>;

/**
 * A completion, step by step (DESIGN.md): validate → replay an idempotent retry → plan (resolve
 * `auto`, tier checks, limits, fallback chain, BYOK) → cache → hold the worst case → call the
 * provider, falling back on a transient failure → settle the actual cost (never above the hold)
 * with its usage event and rollup in the same transaction → cache → publish. A failure releases
 * the whole hold. One pipeline serves `complete`, the stream subscription and `/v1`.
 */
export class GatewayService {
  constructor(
    private readonly planner: CompletionPlanner,
    private readonly ledger: LedgerService,
    private readonly usage: UsageStore,
    private readonly meter: CompletionMeter,
    private readonly cache: ResponseCache,
    private readonly claims: IdempotencyClaims,
    private readonly log: Logger,
    private readonly options: { cacheHitPrice: bigint; afterUsage?: AfterUsage } = { cacheHitPrice: 0n },
  ) {}

  async complete(cmd: CompletionCommand, opts: CompletionOptions = {}): Promise<CompletionResult> {
    const messages = validMessages(cmd);
    const temperature = validTemperature(cmd.temperature);
    const key = validKey(cmd.idempotencyKey);
    const useCache = cmd.useCache ?? true;
    const cacheTtl = validTtl(cmd.cacheTtlSeconds);
    const hash = requestHash('complete', { model: cmd.model, messages, maxTokens: cmd.maxTokens ?? null, temperature, useCache });
    const request: Request = { messages, temperature, key, useCache, cacheTtl, hash };
    if (!key) return this.run(cmd, request, opts);
    const outcome = await this.claims.run<{ result: CompletionResult; replayed: boolean }>(
      cmd.userId, key,
      async () => {
        const replayed = await this.replay(cmd.userId, key, hash);
        return replayed && { result: replayed, replayed: true };
      },
      async () => ({ result: await this.run(cmd, request, opts), replayed: false }),
    );
    return outcome.replayed ? this.deliverWhole(outcome.result, opts) : outcome.result;
  }

  private async run(cmd: CompletionCommand, { messages, temperature, key, useCache, cacheTtl, hash }: Request, opts: CompletionOptions): Promise<CompletionResult> {
    const first = await this.planner.primary(cmd.userId, cmd.apiKeyId, cmd.model, messages, cmd.maxTokens);
    const cacheKey = this.cache.key({ userId: cmd.userId, model: first.quote.model.id, messages, maxTokens: first.maxTokens, temperature });
    if (useCache) {
      const hit = await this.cache.get(cacheKey);
      if (hit) return this.deliverWhole(await this.answerFromCache(cmd, first.quote, hit, key, hash), opts);
    }
    const chain = await this.planner.chain(cmd.userId, first, messages);
    const primary = chain[0]!;
    const id = randomUUID();
    const hold = primary.worstCase > 0n
      ? (await this.ledger.hold({ userId: cmd.userId, amount: primary.worstCase, idempotencyKey: `completion:${id}`, reference: `completion:${id}` })).hold
      : null;
    const { candidate, outcome, latencyMs } = await this.attempt(cmd, chain, messages, temperature, hold?.id ?? null, opts);
    const usage = settledUsage(candidate, outcome);
    const actual = candidate.byok ? 0n : chargeFor(candidate.quote.terms, usage);
    // The hold is the ceiling: a provider that reports more than we counted is not the user's to pay.
    const charged = hold && actual > hold.amount ? hold.amount : actual;
    const fallbackFrom = candidate.quote.model.id === first.quote.model.id ? null : first.quote.model.id;
    const stored: StoredCompletion = {
      id, model: candidate.quote.model.id, provider: candidate.provider.name, fallbackFrom, byok: candidate.byok,
      content: outcome.content, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }, charged: charged.toString(),
    };
    const event = {
      modelId: candidate.quote.model.id, provider: candidate.provider.name, status: 'ok' as const, errorCode: outcome.aborted ? 'CLIENT_CLOSED' : null,
      latencyMs, holdId: hold?.id ?? null, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, byok: candidate.byok,
      costNano: costNanoUsd(candidate.quote.model.price, usage), markupBps: candidate.quote.markupBps, charged,
      idempotencyKey: key, requestHash: hash, response: stored,
    };
    if (hold) {
      await this.ledger.settle({
        userId: cmd.userId, holdId: hold.id, amount: charged, actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: cmd.userId },
        description: `${candidate.quote.model.displayName} completion`, reference: `completion:${id}`,
        within: async (tx) => void (await this.meter.record(cmd, event, tx)),
      });
    } else {
      await this.meter.record(cmd, event);
    }
    if (useCache && !outcome.aborted) await this.cache.put(cacheKey, { model: stored.model, content: stored.content, usage: stored.usage }, cacheTtl);
    await this.afterUsage(cmd.userId, candidate.quote);
    const balance = await this.ledger.balance(cmd.userId);
    return { ...stored, cached: false, charged, available: balance.available, balance };
  }

  /**
   * Tries the chain in order. A transient failure (timeout, 429, 5xx, unreachable) moves to the
   * next model while nothing has been delivered; anything else, or the end of the chain, releases
   * the hold and answers PROVIDER_UNAVAILABLE. Each failed attempt is metered as an error.
   */
  private async attempt(cmd: CompletionCommand, chain: Candidate[], messages: ChatMessage[], temperature: number | null, holdId: string | null, opts: CompletionOptions) {
    const delivered: Delivered = { text: '' };
    for (const [i, candidate] of chain.entries()) {
      const started = Date.now();
      try {
        const outcome: CallOutcome = await callCandidate(candidate, messages, temperature, delivered, opts.onDelta, opts.signal);
        return { candidate, outcome, latencyMs: Date.now() - started };
      } catch (err) {
        const reason = err instanceof ProviderError ? err.message : 'unexpected provider failure';
        const next = err instanceof ProviderError && err.transient && delivered.text.length === 0 && !opts.signal?.aborted ? chain[i + 1] : undefined;
        this.log.warn({ err, model: candidate.quote.model.id, fallback: next?.quote.model.id ?? null }, 'provider call failed');
        const failed = { modelId: candidate.quote.model.id, provider: candidate.provider.name, status: 'error' as const, errorCode: 'PROVIDER_UNAVAILABLE', latencyMs: Date.now() - started, holdId, byok: candidate.byok };
        if (next) {
          await this.meter.record(cmd, failed);
          continue;
        }
        if (holdId) await this.ledger.release(cmd.userId, holdId, async (tx) => void (await this.meter.record(cmd, failed, tx)));
        else await this.meter.record(cmd, failed);
        throw new ProviderUnavailableError(`${chain[0]!.quote.model.displayName} failed: ${reason}`);
      }
    }
    throw new ProviderUnavailableError('No provider could serve the request');
  }

  /**
   * A cache hit calls no provider and holds nothing. It costs the configured cache-hit price
   * (default 0), is metered as cached, and records what it saved.
   */
  private async answerFromCache(cmd: CompletionCommand, quote: Quote, hit: CachedAnswer, key: string | null, hash: string): Promise<CompletionResult> {
    const id = randomUUID();
    const price = this.options.cacheHitPrice;
    const saved = chargeFor(quote.terms, hit.usage) - price;
    const stored: StoredCompletion = {
      id, model: hit.model, provider: quote.model.provider, fallbackFrom: null, byok: false, content: hit.content, usage: hit.usage, charged: price.toString(),
    };
    const event = {
      modelId: hit.model, provider: quote.model.provider, status: 'cached' as const, cached: true, inputTokens: hit.usage.inputTokens,
      outputTokens: hit.usage.outputTokens, markupBps: quote.markupBps, charged: price, saved: saved > 0n ? saved : 0n,
      idempotencyKey: key, requestHash: hash, response: stored,
    };
    if (price > 0n) {
      await this.ledger.spend({
        userId: cmd.userId, amount: price, idempotencyKey: `cache-hit:${key ?? id}`, actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: cmd.userId },
        description: `${quote.model.displayName} completion (cached)`, reference: `completion:${id}`,
        within: async (tx) => void (await this.meter.record(cmd, event, tx)),
      });
    } else {
      await this.meter.record(cmd, event);
    }
    await this.afterUsage(cmd.userId, quote);
    const balance = await this.ledger.balance(cmd.userId);
    return { ...stored, cached: true, charged: price, available: balance.available, balance };
  }

  /** Same key, same request: the stored answer, nothing called or charged. Same key, other request: a conflict. */
  private async replay(userId: string, key: string, hash: string): Promise<CompletionResult | null> {
    const found = await this.usage.findByKey(userId, key);
    if (!found) return null;
    if (found.requestHash !== hash) throw new IdempotencyConflictError(key);
    const stored = found.response as StoredCompletion;
    const balance = await this.ledger.balance(userId);
    return {
      ...stored, provider: stored.provider ?? '', fallbackFrom: stored.fallbackFrom ?? null, byok: stored.byok ?? false,
      cached: found.status === 'cached', charged: BigInt(stored.charged), available: balance.available, balance,
    };
  }

  /** A streamed caller gets an answer that needed no provider as a single piece. */
  private deliverWhole(result: CompletionResult, opts: CompletionOptions): CompletionResult {
    if (opts.onDelta && result.content) opts.onDelta(result.content, { model: result.model, provider: result.provider });
    return result;
  }

  private async afterUsage(userId: string, quote: Quote): Promise<void> {
    if (!this.options.afterUsage) return;
    try {
      await this.options.afterUsage(userId, quote);
    } catch (err) {
      // A warning that could not be sent must not fail a call that was charged.
      this.log.warn({ err }, 'usage warning check failed');
    }
  }
}
