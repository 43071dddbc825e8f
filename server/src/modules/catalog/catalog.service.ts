import { UserCache } from '../../platform/user-cache.js';
import {
  countMessageTokens,
  estimateCharge,
  formatCredits,
  markupBpsFor,
  perMillionMicroCredits,
  type ChargeTerms,
  type TokenizerFamily,
} from '@tollgate/shared';
import { BadUserInputError, ForbiddenError, ModelNotAllowedError, NotFoundError, TierLimitExceededError } from '../../platform/errors.js';
import { naming } from '../../platform/echo.js';
import { isUuid } from '../../platform/ids.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { LedgerService } from '../ledger/index.js';
import { ABSURD_MAX_TOKENS, MAX_PROMPT_CHARS, tierAllows, type CatalogModel, type ModelKind, type Tier } from './catalog.domain.js';
import type { PricingPolicy } from './catalog.policy.js';
import type { CatalogSnapshot } from './catalog.snapshot.js';
import type { CatalogStore } from './catalog.store.js';

export interface PricedModel {
  model: CatalogModel;
  allowed: boolean;
  markupBps: bigint;
  /** What 1M tokens cost this user, in micro-credits. */
  perMillion: { input: bigint; output: bigint };
}

export interface Quote {
  model: CatalogModel;
  tier: Tier;
  markupBps: bigint;
  terms: ChargeTerms;
}

export interface EstimateRequest {
  model: string;
  prompt: string;
  maxTokens?: number | null;
}

export interface Estimate {
  model: CatalogModel;
  inputTokens: number;
  maxOutputTokens: number;
  expectedMicro: bigint;
  maxMicro: bigint;
  affordable: boolean;
}

/**
 * What a model costs whom, what a tier allows, and what a request will cost before it is sent.
 * Models, prices and tiers are read from the in-process snapshot (catalog.snapshot.ts), users' tier
 * assignments from a short-lived cache that a change drops on every replica.
 */
export class CatalogService {
  constructor(
    private readonly store: CatalogStore,
    private readonly snapshot: CatalogSnapshot,
    private readonly ledger: LedgerService,
    private readonly policy: PricingPolicy,
    private readonly clock: Clock = systemClock,
    /** Users' tier codes kept in this process, dropped when one changes (platform/user-cache.ts); none: read every time. */
    private readonly tierCodes: UserCache<string | null> = new UserCache(null, 0),
  ) {}

  /** Active models priced for this user (their tier's markup), with whether their tier allows each. */
  async models(userId: string, options: { includeInactive?: boolean } = {}): Promise<PricedModel[]> {
    const tier = await this.tierOf(userId);
    const models = this.snapshot.models(this.clock.now(), options);
    return models.map((model) => {
      const markupBps = this.markup(model, tier, false);
      const terms = { price: model.price, markupBps, creditUsdMicro: this.policy.creditUsdMicro };
      return { model, allowed: tierAllows(tier, model), markupBps, perMillion: perMillionMicroCredits(terms) };
    });
  }

  /** The terms a request is charged on: the price in force now, the user's markup. Refuses what the tier does not allow. */
  async quote(
    userId: string,
    modelId: string,
    { byok = false, tier: known, kind = 'chat' }: { byok?: boolean; tier?: Tier; kind?: ModelKind } = {},
  ): Promise<Quote> {
    // A caller quoting several models for one request passes the tier it already read.
    const tier = known ?? (await this.tierOf(userId));
    const model = this.snapshot.model(modelId, this.clock.now());
    if (!model || !model.active) throw new NotFoundError(naming('Model', modelId));
    // Completions and the estimator quote chat models; /v1/embeddings quotes embedding models (docs/decisions/0052-embeddings.md).
    if (model.kind !== kind) throw new BadUserInputError(wrongKind(model, kind), 'model');
    if (!tierAllows(tier, model)) throw new ModelNotAllowedError(model.id, tier.name);
    if (byok && !tier.byokAllowed) throw new TierLimitExceededError(`Your ${tier.name} tier does not allow your own provider keys`);
    const markupBps = this.markup(model, tier, byok);
    return { model, tier, markupBps, terms: { price: model.price, markupBps, creditUsdMicro: this.policy.creditUsdMicro } };
  }

  /** Validates the output budget against the model and the tier; defaults to the smaller cap. */
  outputBudget(quote: Quote, maxTokens: number | null | undefined): number {
    const cap = Math.min(quote.model.maxOutputTokens, quote.tier.maxTokensPerRequest);
    if (maxTokens === null || maxTokens === undefined) return cap;
    if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > ABSURD_MAX_TOKENS) {
      throw new BadUserInputError(`maxTokens must be a whole number from 1 to ${quote.model.maxOutputTokens}`, 'maxTokens');
    }
    if (maxTokens > quote.tier.maxTokensPerRequest) {
      throw new TierLimitExceededError(`Your ${quote.tier.name} tier allows at most ${quote.tier.maxTokensPerRequest} output tokens per request`, {
        maxTokensPerRequest: quote.tier.maxTokensPerRequest,
      });
    }
    if (maxTokens > quote.model.maxOutputTokens) {
      throw new BadUserInputError(`${quote.model.displayName} writes at most ${quote.model.maxOutputTokens} tokens`, 'maxTokens');
    }
    return maxTokens;
  }

  async estimateCost(userId: string, request: EstimateRequest): Promise<Estimate> {
    const prompt = validPrompt(request.prompt);
    const quote = await this.quote(userId, request.model);
    const maxOutputTokens = this.outputBudget(quote, request.maxTokens);
    const inputTokens = countMessageTokens([{ role: 'user', content: prompt }], tokenizerFamily(quote.model), quote.model.providerModel);
    if (inputTokens + maxOutputTokens > quote.model.contextWindow) {
      throw new BadUserInputError(
        `The prompt and output budget exceed ${quote.model.displayName}'s context window of ${quote.model.contextWindow} tokens`,
        'prompt',
      );
    }
    const { expected, max } = estimateCharge(quote.terms, inputTokens, maxOutputTokens);
    const { available } = await this.ledger.balance(userId);
    return { model: quote.model, inputTokens, maxOutputTokens, expectedMicro: expected, maxMicro: max, affordable: available >= max };
  }

  get creditUsdMicro(): bigint {
    return this.policy.creditUsdMicro;
  }

  /** CREDIT_USD as a decimal string with 6 fraction digits. */
  get creditUsd(): string {
    return formatCredits(this.policy.creditUsdMicro);
  }

  tiers(): Promise<Tier[]> {
    return this.store.tiers();
  }

  packages() {
    return this.store.packages();
  }

  /**
   * The one reader of a user's tier assignment: the code from this process's cache or the user row
   * (dropped on every replica when it changes, whoever changes it), its meaning from the snapshot.
   */
  async tierOf(userId: string): Promise<Tier> {
    if (!isUuid(userId)) throw new NotFoundError('User');
    const code = await this.tierCodes.get(userId, () => this.store.userTierCode(userId));
    const tier = code === null ? null : await this.snapshot.tier(code);
    if (!tier) throw new NotFoundError('User');
    return tier;
  }

  /**
   * A user may only step down to free; paid tiers come only from a paid subscription (billing). While
   * a subscription is live, stepping down is cancelling it (else the user would pay for a tier they left).
   */
  async switchTier(userId: string, code: string): Promise<Tier> {
    if (code !== 'free') throw new ForbiddenError('Upgrades need a subscription; you can only switch yourself down to free');
    if (isUuid(userId) && (await this.store.hasLiveSubscription(userId))) {
      throw new BadUserInputError('You have a subscription: cancel it (cancelSubscription) to return to free at the end of the period', 'tier');
    }
    return this.setTier(userId, code);
  }

  /** The one place a user's tier changes: admins, a user's downgrade, and (later) billing call it. */
  async setTier(userId: string, code: string): Promise<Tier> {
    if (!isUuid(userId)) throw new NotFoundError('User');
    const tier = await this.store.tier(code);
    if (!tier) throw new BadUserInputError(`Unknown ${naming('tier', code)}`, 'tier');
    const found = await this.store.setUserTier(userId, code);
    // Committed: this process reads the new tier from its next request; the others when PostgreSQL's notification arrives.
    this.tierCodes.forget(userId);
    if (!found) throw new NotFoundError('User');
    return tier;
  }

  private markup(model: CatalogModel, tier: Tier, byok: boolean): bigint {
    return markupBpsFor({
      priceClass: model.priceClass,
      tierOverrideBps: tier.markupBps === null ? null : BigInt(tier.markupBps),
      byok,
      byClassBps: this.policy.byClassBps,
    });
  }
}

export function tokenizerFamily(model: Pick<CatalogModel, 'provider'>): TokenizerFamily {
  return model.provider as TokenizerFamily;
}

function wrongKind(model: CatalogModel, wanted: ModelKind): string {
  return wanted === 'chat'
    ? `${model.displayName} is an embedding model; use /v1/embeddings`
    : `${model.displayName} is a chat model; /v1/embeddings needs an embedding model (sandbox/embed, openai/text-embedding-3-small…)`;
}

function validPrompt(prompt: string): string {
  if (typeof prompt !== 'string' || prompt.trim().length === 0) throw new BadUserInputError('prompt must not be empty', 'prompt');
  if (prompt.length > MAX_PROMPT_CHARS) throw new BadUserInputError(`prompt must be at most ${MAX_PROMPT_CHARS} characters`, 'prompt');
  return prompt;
}
