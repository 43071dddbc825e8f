import { randomUUID } from 'node:crypto';
import { chargeFor, costNanoUsd, type ChatMessage } from '@tollgate/shared';
import type { Logger } from '../../platform/logger.js';
import { completionMetrics } from '../../platform/metrics/index.js';
import type { Sql } from '../../platform/sql.js';
import type { Quote } from '../catalog/index.js';
import { requestHash } from '../../platform/request-hash.js';
import type { Balance, CreditHold, HoldLeases, LedgerService } from '../ledger/index.js';
import type { CompletionUsageService } from '../metering/index.js';
import { settledUsage } from './gateway.call.js';
import type { CompletionCommand, CompletionOptions, CompletionResult, StoredCompletion } from './gateway.domain.js';
import type { IdempotencyClaims } from './gateway.idempotency.js';
import { InflightCompletions } from './gateway.inflight.js';
import { checkMonth, usageOfGuard, withCall, type CompletionLimits, type MonthUsage } from './gateway.limits.js';
import { overageOf, settleFailedEvent, type CompletionEvent, type CompletionMeter } from './gateway.meter.js';
import { CompletionAftermath, type AfterUsage } from './gateway.settle.js';
import type { Candidate, CompletionPlanner } from './gateway.plan.js';
import { callChain, type CandidateChain } from './gateway.chain.js';
import { replayCompletion } from './gateway.replay.js';
import { attribution, personOf } from './caller.js';
import { validKey, validMessages, validTemperature } from './gateway.validate.js';
import { validTtl, type CachedAnswer, type ResponseCache } from './gateway.cache.js';

export { ProviderUnavailableError } from './gateway.errors.js';
export type { AfterUsage } from './gateway.settle.js';

interface Request {
  messages: ChatMessage[];
  temperature: number | null;
  key: string | null;
  useCache: boolean;
  cacheTtl: number;
  /** Null without an idempotency key: nothing will compare with it. */
  hash: string | null;
}

/**
 * A completion, step by step (docs/decisions/0010-gateway-pipeline.md): validate → replay an idempotent retry → plan (resolve
 * `auto`, tier checks, limits, fallback chain, BYOK) → cache → hold the worst case → call the
 * provider, falling back on a transient failure → settle the actual cost (never above the hold)
 * with its usage event and rollup in the same transaction → cache → publish. Every failure after
 * the hold releases it in the same request; once the charge has committed nothing that follows
 * (cache, publish, alerts, freeing the idempotency claim) can turn the call into an error. The
 * hold's lease is renewed while the call runs (HoldLeases), and shutdown waits for every call this
 * process runs (`drain`). One pipeline serves `complete`, the stream subscription and `/v1`.
 */
export class GatewayService {
  constructor(
    private readonly planner: CompletionPlanner,
    private readonly limits: CompletionLimits,
    private readonly ledger: LedgerService,
    private readonly usage: CompletionUsageService,
    private readonly meter: CompletionMeter,
    private readonly cache: ResponseCache,
    private readonly claims: IdempotencyClaims,
    private readonly log: Logger,
    private readonly leases: HoldLeases,
    private readonly options: { cacheHitPrice: bigint; afterUsage?: AfterUsage; sql?: Sql } = { cacheHitPrice: 0n },
  ) {
    this.aftermath = new CompletionAftermath(ledger, meter, cache, log, options.afterUsage, options.sql);
  }

  private readonly aftermath: CompletionAftermath;
  private readonly inflight = new InflightCompletions();

  /** Tracked until it has settled or released its hold, whether or not its caller still listens. */
  complete(cmd: CompletionCommand, opts: CompletionOptions = {}): Promise<CompletionResult> {
    return this.inflight.track(opts.signal, (signal) => this.completeOnce(cmd, { ...opts, signal }));
  }

  /** Shutdown: waits for every completion in flight to settle or release (then aborts the rest). */
  drain(graceMs: number, abortMs = 3_000): Promise<{ left: number; aborted: number }> {
    return this.inflight.drain(graceMs, abortMs);
  }

  private async completeOnce(cmd: CompletionCommand, opts: CompletionOptions): Promise<CompletionResult> {
    const messages = validMessages(cmd);
    const temperature = validTemperature(cmd.temperature);
    const key = validKey(cmd.idempotencyKey);
    const useCache = cmd.useCache ?? true;
    const cacheTtl = validTtl(cmd.cacheTtlSeconds);
    // What a retry with the same key must match; without a key nothing is ever compared with it.
    const hash = key ? requestHash('complete', { model: cmd.model, messages, maxTokens: cmd.maxTokens ?? null, temperature, useCache }) : null;
    const request: Request = { messages, temperature, key, useCache, cacheTtl, hash };
    if (!key) return this.run(cmd, request, opts);
    // Freeing the claim after a charged call cannot fail it: IdempotencyClaims.run swallows that itself.
    const outcome = await this.claims.run<{ result: CompletionResult; replayed: boolean }>(
      cmd.userId,
      key,
      async () => {
        const replayed = await replayCompletion(this.usage, this.ledger, cmd.userId, key, hash!);
        return replayed && { result: replayed, replayed: true };
      },
      async () => ({ result: await this.run(cmd, request, opts), replayed: false }),
      opts.signal,
    );
    return outcome.replayed ? this.deliverWhole(outcome.result, opts) : outcome.result;
  }

  private async run(
    cmd: CompletionCommand,
    { messages, temperature, key, useCache, cacheTtl, hash }: Request,
    opts: CompletionOptions,
  ): Promise<CompletionResult> {
    const now = new Date();
    const first = await this.planner.primary(cmd, cmd.model, messages, cmd.maxTokens, cmd.confirm);
    if (first.caller) cmd = { ...cmd, ...first.caller }; // the principal changed meanwhile (gateway.plan.ts)
    const tier = first.quote.tier;
    const cacheKey = useCache ? this.cache.key({ userId: cmd.userId, model: first.quote.model.id, messages, maxTokens: first.maxTokens, temperature }) : '';
    if (useCache) {
      const hit = await this.cache.get(cacheKey);
      if (hit) {
        const used = await this.limits.month(tier, cmd.userId, first.requestTokens, now);
        return this.deliverWhole(await this.answerFromCache(cmd, this.planner.requote(first.quote, used), hit, key, hash, used), opts);
      }
    }
    let chain = await this.planner.chain(cmd, first, messages);
    const id = randomUUID();
    const asked = Date.now();
    // The month's limits are read in the hold's own statement; a call that holds nothing reads them alone.
    let hold: CreditHold | null = null;
    let used: MonthUsage;
    if (chain.first.worstCase > 0n) {
      const guard = this.limits.guard(
        tier,
        cmd.userId,
        first.requestTokens,
        { within: this.planner.withinAllowance(chain.first), over: chain.first.worstCase },
        now,
      );
      const held = await this.ledger.holdGuarded(
        // A call that answers at once publishes its balance once, at the settle; a stream also shows its hold.
        {
          userId: cmd.userId,
          amount: chain.first.worstCase,
          idempotencyKey: `completion:${id}`,
          reference: `completion:${id}`,
          ttlSeconds: this.leases.leaseSeconds,
          quiet: !opts.onDelta,
          ...attribution(cmd),
        },
        guard,
      );
      if (!held.guard) {
        // Only when a concurrent call took the same hold key (never, with a fresh id): read the month alone.
        used = await this.limits.month(tier, cmd.userId, first.requestTokens, now).catch(async (err) => {
          if (held.hold) await this.aftermath.giveBack(cmd, held.hold.id, null);
          throw err;
        });
      } else used = usageOfGuard(held.guard, now);
      if (!held.hold) {
        checkMonth(tier, used, first.requestTokens);
        throw new Error('the hold was refused with the month admitting the call');
      }
      hold = held.hold;
    } else {
      used = await this.limits.month(tier, cmd.userId, first.requestTokens, now);
    }
    chain = this.planner.withUsage(chain, used);
    const untrack = hold ? this.leases.track(hold.id, asked) : () => undefined;
    const failure: { event: CompletionEvent | null } = { event: null };
    let settled: { candidate: Candidate; stored: StoredCompletion; charged: bigint; aborted: boolean; balance: Balance | null; before: Balance | null };
    try {
      settled = await this.callAndSettle(cmd, id, first.quote.model.id, chain, messages, temperature, hold, key, hash, failure, opts);
    } catch (err) {
      // Whatever failed (the provider, the settle, a bug), the hold goes back now, not at its lease's end.
      completionMetrics.record({
        model: failure.event?.modelId ?? first.quote.model.id,
        provider: failure.event?.provider,
        status: 'error',
        byok: failure.event?.byok,
      });
      if (hold) await this.aftermath.giveBack(cmd, hold.id, failure.event);
      else if (failure.event) await this.aftermath.meterFailure(cmd, failure.event);
      throw err;
    } finally {
      untrack();
    }
    // Committed: from here on the caller gets its answer, whatever the cache or the alerts do.
    const { candidate, stored, charged, aborted } = settled;
    completionMetrics.record({
      model: stored.model,
      provider: stored.provider,
      status: 'ok',
      byok: stored.byok,
      holdToSettleMs: hold ? Date.now() - asked : null,
    });
    const store = useCache && !aborted ? { key: cacheKey, answer: { model: stored.model, content: stored.content, usage: stored.usage }, ttl: cacheTtl } : null;
    await this.aftermath.afterCommit(cmd, candidate.quote, store, withCall(used, stored.usage));
    // The settle's own balance; read only when no settle ran (nothing held) or its reply was lost.
    const balance = settled.balance ?? settled.before ?? (await this.aftermath.balanceAfterCommit(cmd.userId));
    return { ...stored, cached: false, charged, available: balance.available, balance };
  }

  /** Calls the chain and settles what it used; the usage event commits with the charge. */
  private async callAndSettle(
    cmd: CompletionCommand,
    id: string,
    firstModel: string,
    chain: CandidateChain,
    messages: ChatMessage[],
    temperature: number | null,
    hold: CreditHold | null,
    key: string | null,
    hash: string | null,
    failure: { event: CompletionEvent | null },
    opts: CompletionOptions,
  ) {
    const { candidate, outcome, latencyMs } = await callChain(chain, messages, temperature, opts, {
      log: this.log,
      holdId: hold?.id ?? null,
      failure,
      meterFailure: (failed) => this.aftermath.meterFailure(cmd, failed),
    });
    const usage = settledUsage(candidate, outcome);
    const actual = candidate.byok ? 0n : chargeFor(candidate.quote.terms, usage);
    // The hold is the ceiling: a provider that reports more than we counted is not the user's to pay.
    const charged = hold && actual > hold.amount ? hold.amount : actual;
    const fallbackFrom = candidate.quote.model.id === firstModel ? null : firstModel;
    const stored: StoredCompletion = {
      id,
      model: candidate.quote.model.id,
      provider: candidate.provider.name,
      fallbackFrom,
      byok: candidate.byok,
      content: outcome.content,
      usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
      charged: charged.toString(),
    };
    const event = {
      modelId: candidate.quote.model.id,
      provider: candidate.provider.name,
      status: 'ok' as const,
      errorCode: outcome.aborted ? 'CLIENT_CLOSED' : null,
      latencyMs,
      holdId: hold?.id ?? null,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      byok: candidate.byok,
      costNano: costNanoUsd(candidate.quote.model.price, usage),
      markupBps: candidate.quote.markupBps,
      charged,
      overage: overageOf(candidate.quote.terms, usage, charged),
      idempotencyKey: key,
      requestHash: hash,
      response: stored,
    };
    failure.event = settleFailedEvent(event);
    let balance: Balance | null = null;
    let before: Balance | null = null;
    if (hold) {
      const settled = await this.aftermath.settle(hold.id, failure, () =>
        this.ledger.settle({
          userId: cmd.userId,
          holdId: hold.id,
          amount: charged,
          actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: personOf(cmd) },
          description: `${candidate.quote.model.displayName} completion`,
          reference: `completion:${id}`,
          companion: this.meter.companion(cmd, event),
        }),
      );
      balance = settled.balance;
    } else {
      // Nothing is charged here, so the balance read before the event commits is the call's balance.
      before = await this.aftermath.balanceBefore(cmd.userId);
      await this.meter.record(cmd, event);
    }
    return { candidate, stored, charged, aborted: outcome.aborted, balance, before };
  }

  /**
   * A cache hit calls no provider and holds nothing. It costs the configured cache-hit price
   * (default 0), is metered as cached, and records what it saved.
   */
  private async answerFromCache(
    cmd: CompletionCommand,
    quote: Quote,
    hit: CachedAnswer,
    key: string | null,
    hash: string | null,
    used?: MonthUsage,
  ): Promise<CompletionResult> {
    const id = randomUUID();
    const price = this.options.cacheHitPrice;
    const saved = chargeFor(quote.terms, hit.usage) - price;
    const stored: StoredCompletion = {
      id,
      model: hit.model,
      provider: quote.model.provider,
      fallbackFrom: null,
      byok: false,
      content: hit.content,
      usage: hit.usage,
      charged: price.toString(),
    };
    const event = {
      modelId: hit.model,
      provider: quote.model.provider,
      status: 'cached' as const,
      cached: true,
      inputTokens: hit.usage.inputTokens,
      outputTokens: hit.usage.outputTokens,
      markupBps: quote.markupBps,
      charged: price,
      saved: saved > 0n ? saved : 0n,
      overage: overageOf(quote.terms, hit.usage, 0n),
      idempotencyKey: key,
      requestHash: hash,
      response: stored,
    };
    let balance: Balance | undefined;
    let before: Balance | null = null;
    if (price > 0n) {
      ({ balance } = await this.ledger.spend({
        userId: cmd.userId,
        amount: price,
        idempotencyKey: `cache-hit:${key ?? id}`,
        memberId: personOf(cmd),
        apiKeyId: cmd.apiKeyId,
        actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: personOf(cmd) },
        description: `${quote.model.displayName} completion (cached)`,
        reference: `completion:${id}`,
        within: async (tx) => void (await this.meter.record(cmd, event, tx)),
      }));
    } else {
      before = await this.aftermath.balanceBefore(cmd.userId);
      await this.meter.record(cmd, event);
    }
    completionMetrics.record({ model: hit.model, provider: quote.model.provider, status: 'cached', cached: true });
    await this.aftermath.afterCommit(cmd, quote, null, withCall(used, hit.usage));
    balance ??= before ?? (await this.aftermath.balanceAfterCommit(cmd.userId));
    return { ...stored, cached: true, charged: price, available: balance.available, balance };
  }

  /** A streamed caller gets an answer that needed no provider as a single piece. */
  private deliverWhole(result: CompletionResult, opts: CompletionOptions): CompletionResult {
    if (opts.onDelta && result.content) opts.onDelta(result.content, { model: result.model, provider: result.provider });
    return result;
  }
}
