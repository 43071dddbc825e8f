import { countMessageTokens, estimateCharge, type ChatMessage } from '@tollgate/shared';
import { BadUserInputError, DomainError } from '../../platform/errors.js';
import type { ModelRecommender } from '../catalog/catalog.recommend.js';
import { tokenizerFamily, type CatalogService, type Quote } from '../catalog/catalog.service.js';
import { ProviderUnavailableError } from './gateway.errors.js';
import type { CompletionLimits } from './gateway.limits.js';
import type { Provider, ProviderFactory } from './providers/provider.js';

/** Where the gateway finds a user's own provider key (BYOK); the BYOK module implements it. */
export interface ProviderKeyLookup {
  resolve(userId: string, provider: string): Promise<{ id: string; apiKey: string } | null>;
}

/** One model the call may be served by: its price for this user, its provider, its budget and worst case. */
export interface Candidate {
  quote: Quote;
  provider: Provider;
  /** Called with the user's own key: metered, never charged (the key's owner pays the provider). */
  byok: boolean;
  maxTokens: number;
  inputTokens: number;
  /** The most this call can cost on this model, micro-credits (0 with BYOK). */
  worstCase: bigint;
}

/**
 * The default fallback chains (docs/decisions/0010-gateway-fallback-and-streaming.md): the same
 * class of model at another provider. MODEL_FALLBACKS replaces them.
 */
export const DEFAULT_FALLBACKS: Record<string, string[]> = {
  'anthropic/claude-3.5-sonnet': ['openai/gpt-4o', 'openrouter/anthropic/claude-3.5-sonnet'],
  'anthropic/claude-3.5-haiku': ['openai/gpt-4o-mini', 'google/gemini-2.0-flash'],
  'openai/gpt-4o': ['anthropic/claude-3.5-sonnet', 'openrouter/anthropic/claude-3.5-sonnet'],
  'openai/gpt-4o-mini': ['google/gemini-2.0-flash', 'anthropic/claude-3.5-haiku'],
  'google/gemini-2.0-flash': ['openai/gpt-4o-mini'],
};

/**
 * Turns a request into the models that may answer it: the one asked for (or chosen by `auto`),
 * then its fallback chain. Every check that refuses a request (model access, output budget,
 * context window, rate and monthly limits) runs here, before anything is held or called.
 */
export class CompletionPlanner {
  constructor(
    private readonly catalog: CatalogService,
    private readonly recommender: ModelRecommender,
    private readonly providers: ProviderFactory,
    private readonly keys: ProviderKeyLookup,
    private readonly limits: CompletionLimits,
    private readonly fallbacks: Record<string, string[]>,
  ) {}

  /** The candidates in order; the first is the primary. Throws when none can serve the call. */
  async plan(userId: string, apiKeyId: string | null, model: string, messages: ChatMessage[], maxTokens: number | null | undefined): Promise<Candidate[]> {
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')!.content;
    const modelId = await this.recommender.resolve(userId, model, lastUser, maxTokens);
    const primaryQuote = await this.catalog.quote(userId, modelId);
    const budget = this.catalog.outputBudget(primaryQuote, maxTokens);
    const inputTokens = countMessageTokens(messages, tokenizerFamily(primaryQuote.model), primaryQuote.model.providerModel);
    if (inputTokens + budget > primaryQuote.model.contextWindow) {
      throw new BadUserInputError(`The prompt and output budget exceed ${primaryQuote.model.displayName}'s context window of ${primaryQuote.model.contextWindow} tokens`, 'messages');
    }
    await this.limits.admit(primaryQuote.tier, userId, apiKeyId, inputTokens + budget, new Date());
    const primary = await this.candidate(userId, primaryQuote, messages, budget);
    const chain: Candidate[] = primary ? [primary] : [];
    for (const id of this.fallbacks[primaryQuote.model.id] ?? []) {
      const next = await this.fallback(userId, id, messages, budget);
      // A fallback never needs more credit than the call first held: it is used only when its worst case fits.
      if (next && (chain.length === 0 || next.worstCase <= chain[0]!.worstCase)) chain.push(next);
    }
    if (chain.length === 0) {
      throw new ProviderUnavailableError(`${primaryQuote.model.displayName} is not available: its provider is not configured`);
    }
    return chain;
  }

  /** A model of the chain, or null when this user cannot be served by it now. */
  private async fallback(userId: string, modelId: string, messages: ChatMessage[], budget: number): Promise<Candidate | null> {
    try {
      const quote = await this.catalog.quote(userId, modelId);
      const maxTokens = Math.min(budget, quote.model.maxOutputTokens);
      const inputTokens = countMessageTokens(messages, tokenizerFamily(quote.model), quote.model.providerModel);
      if (inputTokens + maxTokens > quote.model.contextWindow) return null;
      return await this.candidate(userId, quote, messages, maxTokens, inputTokens);
    } catch (err) {
      // A fallback the user's tier does not allow, or that left the catalog, is skipped, not an error.
      if (err instanceof DomainError) return null;
      throw err;
    }
  }

  private async candidate(userId: string, platformQuote: Quote, messages: ChatMessage[], maxTokens: number, counted?: number): Promise<Candidate | null> {
    const name = platformQuote.model.provider;
    const inputTokens = counted ?? countMessageTokens(messages, tokenizerFamily(platformQuote.model), platformQuote.model.providerModel);
    const own = platformQuote.tier.byokAllowed ? await this.keys.resolve(userId, name) : null;
    const byokProvider = own ? this.providers.withKey(name, own.apiKey) : undefined;
    if (byokProvider) {
      const quote = await this.catalog.quote(userId, platformQuote.model.id, { byok: true });
      return { quote, provider: byokProvider, byok: true, maxTokens, inputTokens, worstCase: 0n };
    }
    const provider = this.providers.platform(name);
    if (!provider || !provider.available) return null;
    const worstCase = estimateCharge(platformQuote.terms, inputTokens, maxTokens).max;
    return { quote: platformQuote, provider, byok: false, maxTokens, inputTokens, worstCase };
  }
}

/** No keys stored anywhere: every call uses the platform's providers. */
export const noProviderKeys: ProviderKeyLookup = { resolve: async () => null };
