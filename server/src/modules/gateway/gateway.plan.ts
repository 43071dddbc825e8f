import { countMessageTokens, estimateCharge, type ChatMessage, type OverageTerms } from '@tollgate/shared';
import { BadUserInputError, DomainError } from '../../platform/errors.js';
import type { ModelRecommender } from '../catalog/index.js';
import { tokenizerFamily, type CatalogService, type Quote } from '../catalog/index.js';
import { ProviderUnavailableError } from './gateway.errors.js';
import { CandidateChain } from './gateway.chain.js';
import { overageTerms, type CompletionLimits, type MonthUsage } from './gateway.limits.js';
import type { Tier } from '../catalog/index.js';
import type { Provider, ProviderFactory } from './providers/provider.js';
import type { Caller } from './gateway.domain.js';
import { callerOf, personOf } from './caller.js';
import type { Principal } from '../auth/index.js';
import { allowedModel, mayFallBackTo } from './model-allow.js';

/** A request's view of the user's own provider keys: `get` opens one, or says there is none. */
export interface OwnProviderKeys {
  get(provider: string): { id: string; apiKey: string } | null;
}

/**
 * Where the gateway finds a user's own provider keys (BYOK); the BYOK module implements it. Read
 * once per request, all providers at once, and reused by every candidate of the chain.
 */
export interface ProviderKeyLookup {
  resolveAll(userId: string): Promise<OwnProviderKeys>;
}

const NO_KEYS: OwnProviderKeys = { get: () => null };

/**
 * Provider keys the platform pays for but that belong to one user at the provider (OpenRouter
 * automation, docs/decisions/0053-openrouter-automation.md): the user's call is sent with their key
 * and charged exactly like a platform call (this is not BYOK). `covers` is synchronous so other
 * providers' calls are asked nothing; `apiKey` is null when the user has none (the platform key is used).
 */
export interface ManagedProviderKeys {
  covers(provider: string): boolean;
  apiKey(userId: string, provider: string): Promise<string | null>;
}

/** The model first chosen, checked and budgeted. */
export interface Primary {
  quote: Quote;
  maxTokens: number;
  inputTokens: number;
  /**
   * On a `credits` tier: the overage terms with no allowance left (the month is read with the hold,
   * after planning), so every candidate's worst case is the most the call can cost; `withUsage`
   * gives the chain the month's real terms once read.
   */
  overage: OverageTerms | null;
  /** Prompt tokens plus the output budget: what the month's token allowance is checked against. */
  requestTokens: number;
  /** Set when the principal's confirmation found it changed (a key's limits, a cap): the call acts as this caller. */
  caller?: Caller;
}

/** What the principal's freshness check asks of the limits' one Redis round trip (see CompletionCommand.confirm). */
export interface Confirm {
  read: string;
  check(value: string | null): Promise<Principal | void>;
  /** The principal as it is now (its version read; PostgreSQL when it changed). */
  fresh(): Promise<Principal>;
}

/** The caller a principal read afresh makes, or null when nothing the gateway uses changed. */
function changedCaller(caller: Caller, fresh: Principal): Caller | null {
  const now = callerOf(fresh);
  const was = { userId: caller.userId, memberId: caller.memberId, apiKeyId: caller.apiKeyId, limits: caller.limits };
  return JSON.stringify(now) === JSON.stringify(was) ? null : { ...caller, ...now };
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
    private readonly managed?: ManagedProviderKeys,
  ) {}

  /**
   * The model asked for (or chosen by `auto`), checked against the tier, the output budget, the
   * context window and the limits. Cheap enough to run before the cache is consulted.
   */
  async primary(caller: Caller, model: string, messages: ChatMessage[], maxTokens: number | null | undefined, confirm?: Confirm): Promise<Primary> {
    const userId = caller.userId;
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')!.content;
    const chosen = await this.recommender.resolve(userId, model, lastUser, maxTokens);
    let modelId: string;
    try {
      modelId = allowedModel(caller.limits, model, chosen);
    } catch (err) {
      // Refused by a key's allow-list as cached: confirm the principal first, it may have changed on another replica.
      const now = confirm ? changedCaller(caller, await confirm.fresh()) : null;
      if (!now) throw err;
      return { ...(await this.primary(now, model, messages, maxTokens)), caller: now };
    }
    const quote = await this.catalog.quote(userId, modelId);
    const budget = this.catalog.outputBudget(quote, maxTokens);
    const inputTokens = countMessageTokens(messages, tokenizerFamily(quote.model), quote.model.providerModel);
    if (inputTokens + budget > quote.model.contextWindow) {
      throw new BadUserInputError(
        `The prompt and output budget exceed ${quote.model.displayName}'s context window of ${quote.model.contextWindow} tokens`,
        'messages',
      );
    }
    // Per person (and per key), whichever account they act for: the version key read with them is the person's.
    const version = await this.limits.perMinute(quote.tier, personOf(caller), caller.apiKeyId, confirm?.read);
    const fresh = confirm ? await confirm.check(version) : undefined;
    // Changed since it was cached (a key's cap or models, a member's cap set on another replica): plan
    // again as the principal now is, so the very next call obeys the change (one more per-minute count).
    const now = fresh ? changedCaller(caller, fresh) : null;
    if (now) return { ...(await this.primary(now, model, messages, maxTokens)), caller: now };
    const overage = overageTerms(quote.tier, null);
    return { quote: withOverage(quote, overage), maxTokens: budget, inputTokens, overage, requestTokens: inputTokens + budget };
  }

  /** The chain priced at the month's real overage terms (a `credits` tier), once the month is read. */
  withUsage(chain: CandidateChain, used: MonthUsage): CandidateChain {
    if (chain.first.quote.tier.overage !== 'credits') return chain;
    return chain.priced((c) => ({ ...c, quote: this.requote(c.quote, used) }));
  }

  /** A quote at the month's real overage terms (a `credits` tier). */
  requote(quote: Quote, used: MonthUsage): Quote {
    return quote.tier.overage === 'credits' ? withOverage(quote, overageTerms(quote.tier, used)) : quote;
  }

  /** What the first candidate holds when the call cannot pass the allowance: its worst case priced without overage. */
  withinAllowance(c: Candidate): bigint {
    return c.byok ? 0n : estimateCharge({ ...c.quote.terms, overage: null }, c.inputTokens, c.maxTokens).max;
  }

  /**
   * The candidates in order, the primary first when it can be served; its fallbacks are quoted only
   * if a provider fails (CandidateChain). When the primary cannot be served at all, the fallbacks are
   * quoted now and the first of them leads. Throws when none can.
   */
  async chain(caller: Caller, primary: Primary, messages: ChatMessage[]): Promise<CandidateChain> {
    const userId = caller.userId;
    // One read of the user's keys (cached per user), whatever the number of candidates; none when the tier cannot use them.
    const own = primary.quote.tier.byokAllowed ? await this.keys.resolveAll(userId) : NO_KEYS;
    const first = await this.candidate(userId, own, primary.quote, primary.maxTokens, primary.inputTokens, primary.overage);
    const fallbacks = async (ceiling: bigint | null) => {
      const found: Candidate[] = [];
      for (const id of (this.fallbacks[primary.quote.model.id] ?? []).filter((m) => mayFallBackTo(caller.limits, m))) {
        const next = await this.fallback(userId, own, primary.quote.tier, id, messages, primary.maxTokens, primary.overage);
        const limit = ceiling ?? found[0]?.worstCase ?? null;
        // A fallback never needs more credit than the call first held: it is used only when its worst case fits.
        if (next && (limit === null || next.worstCase <= limit)) found.push(next);
      }
      return found;
    };
    if (first) return new CandidateChain([first], () => fallbacks(first.worstCase));
    const found = await fallbacks(null);
    if (found.length === 0) {
      throw new ProviderUnavailableError(`${primary.quote.model.displayName} is not available: its provider is not configured`);
    }
    return new CandidateChain(found, null);
  }

  /** A model of the chain, or null when this user cannot be served by it now. Quoted from the catalog snapshot: no SQL. */
  private async fallback(
    userId: string,
    own: OwnProviderKeys,
    tier: Tier,
    modelId: string,
    messages: ChatMessage[],
    budget: number,
    overage: OverageTerms | null,
  ): Promise<Candidate | null> {
    try {
      const quote = withOverage(await this.catalog.quote(userId, modelId, { tier }), overage);
      // No platform key and no way to use one's own: not worth counting tokens for.
      const name = quote.model.provider;
      if (!this.providers.platform(name)?.available && !tier.byokAllowed && !this.managed?.covers(name)) return null;
      const maxTokens = Math.min(budget, quote.model.maxOutputTokens);
      const inputTokens = countMessageTokens(messages, tokenizerFamily(quote.model), quote.model.providerModel);
      if (inputTokens + maxTokens > quote.model.contextWindow) return null;
      return await this.candidate(userId, own, quote, maxTokens, inputTokens, overage);
    } catch (err) {
      // A fallback the user's tier does not allow, or that left the catalog, is skipped, not an error.
      if (err instanceof DomainError) return null;
      throw err;
    }
  }

  private async candidate(
    userId: string,
    keys: OwnProviderKeys,
    platformQuote: Quote,
    maxTokens: number,
    inputTokens: number,
    overage: OverageTerms | null,
  ): Promise<Candidate | null> {
    const name = platformQuote.model.provider;
    const own = platformQuote.tier.byokAllowed ? keys.get(name) : null;
    const byokProvider = own ? this.providers.withKey(name, own.apiKey) : undefined;
    if (byokProvider) {
      const quote = withOverage(await this.catalog.quote(userId, platformQuote.model.id, { byok: true, tier: platformQuote.tier }), overage);
      return { quote, provider: byokProvider, byok: true, maxTokens, inputTokens, worstCase: 0n };
    }
    // A managed key (OpenRouter automation) replaces the platform key for this user; billed the same.
    const provider = (await this.managedProvider(userId, name)) ?? this.providers.platform(name);
    if (!provider || !provider.available) return null;
    const worstCase = estimateCharge(platformQuote.terms, inputTokens, maxTokens).max;
    return { quote: platformQuote, provider, byok: false, maxTokens, inputTokens, worstCase };
  }

  /** The user's managed key as a provider, or undefined; providers it does not cover cost nothing to ask. */
  private async managedProvider(userId: string, name: string): Promise<Provider | undefined> {
    if (!this.managed?.covers(name)) return undefined;
    const apiKey = await this.managed.apiKey(userId, name);
    return apiKey ? this.providers.withKey(name, apiKey) : undefined;
  }
}

/**
 * A quote whose terms price tokens past the allowance with the surcharge: the hold's worst case
 * (estimateCharge) and the settlement (chargeFor) read the same terms. A copy: quotes may be shared.
 */
function withOverage(quote: Quote, overage: OverageTerms | null): Quote {
  return overage ? { ...quote, terms: { ...quote.terms, overage } } : quote;
}

/** No keys stored anywhere: every call uses the platform's providers. */
export const noProviderKeys: ProviderKeyLookup = { resolveAll: async () => NO_KEYS };
