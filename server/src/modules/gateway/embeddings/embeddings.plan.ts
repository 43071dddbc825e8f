import { countTokens, estimateCharge, type ChargeTerms } from '@tollgate/shared';
import { BadUserInputError } from '../../../platform/errors.js';
import { MAX_PROMPT_CHARS, tokenizerFamily, type CatalogService, type Quote } from '../../catalog/index.js';
import { ProviderUnavailableError } from '../gateway.errors.js';
import { overageTerms, type CompletionLimits, type MonthUsage } from '../gateway.limits.js';
import type { ProviderKeyLookup } from '../gateway.plan.js';
import { EMBEDDING_SIZES, type EmbeddingInput, type EmbeddingProvider, type EmbeddingProviders } from '../providers/embeddings.js';
import { MAX_TOTAL_TOKENS, type EmbeddingsCommand } from './embeddings.domain.js';
import { personOf } from '../caller.js';
import { allowedModel } from '../model-allow.js';

/** The model asked for, checked and counted: what the cache key and the month's check need. */
export interface EmbeddingsPrimary {
  quote: Quote;
  /** Per input, with the shared tokenizer (a token array counts its ids). */
  tokens: number[];
  inputTokens: number;
}

/** Who serves the call and the most it can cost: the input is known, so the worst case is the exact price. */
export interface EmbeddingsCandidate {
  quote: Quote;
  provider: EmbeddingProvider;
  /** The user's own key: metered, never charged. */
  byok: boolean;
  /** Micro-credits; 0 with BYOK. */
  worstCase: bigint;
  /** The worst case without overage: what is held when the month shows the call stays inside the allowance. */
  within: bigint;
}

/**
 * The embeddings side of planning (docs/decisions/0052-embeddings.md), with the completions' rules:
 * the catalog's quote (tier access, markup), the tier's per-minute limits on the same counters, the
 * platform key or the user's own (BYOK, where the tier allows it). Every refusal happens here,
 * before anything is held or called.
 */
export class EmbeddingsPlanner {
  constructor(
    private readonly catalog: CatalogService,
    private readonly providers: EmbeddingProviders,
    private readonly keys: ProviderKeyLookup,
    private readonly limits: CompletionLimits,
  ) {}

  async primary(cmd: EmbeddingsCommand): Promise<EmbeddingsPrimary> {
    const quote = await this.catalog.quote(cmd.userId, allowedModel(cmd.limits, cmd.model, cmd.model), { kind: 'embedding' });
    const sizes = EMBEDDING_SIZES[quote.model.providerModel];
    if (cmd.dimensions !== null && sizes && cmd.dimensions > sizes.max) {
      throw new BadUserInputError(`${quote.model.displayName} gives at most ${sizes.max} dimensions`, 'dimensions');
    }
    const tokens = cmd.inputs.map((input, i) => this.count(quote, input, i));
    const inputTokens = tokens.reduce((a, b) => a + b, 0);
    if (inputTokens > MAX_TOTAL_TOKENS) throw new BadUserInputError(`The inputs must total at most ${MAX_TOTAL_TOKENS} tokens`, 'input');
    await this.limits.perMinute(quote.tier, personOf(cmd), cmd.apiKeyId);
    return { quote, tokens, inputTokens };
  }

  /** The provider for the call, on the user's own key when they have one for it and the tier allows it. */
  async candidate(userId: string, primary: EmbeddingsPrimary): Promise<EmbeddingsCandidate> {
    const { quote, inputTokens } = primary;
    const name = quote.model.provider;
    const own = quote.tier.byokAllowed ? (await this.keys.resolveAll(userId)).get(name) : null;
    const byokProvider = own ? this.providers.withKey(name, own.apiKey) : undefined;
    if (byokProvider) {
      const byokQuote = await this.catalog.quote(userId, quote.model.id, { byok: true, tier: quote.tier, kind: 'embedding' });
      return { quote: byokQuote, provider: byokProvider, byok: true, worstCase: 0n, within: 0n };
    }
    const provider = this.providers.platform(name);
    if (!provider?.available) throw new ProviderUnavailableError(`${quote.model.displayName} is not available: its provider is not configured`);
    return {
      quote,
      provider,
      byok: false,
      // Unknown month (read with the hold): priced as if no allowance were left, the most it can cost.
      worstCase: estimateCharge(termsAt(quote, null), inputTokens, 0).max,
      within: estimateCharge({ ...quote.terms, overage: null }, inputTokens, 0).max,
    };
  }

  private count(quote: Quote, input: EmbeddingInput, i: number): number {
    if (typeof input === 'string' && input.length > MAX_PROMPT_CHARS) {
      throw new BadUserInputError(`input[${i}] must be at most ${MAX_PROMPT_CHARS} characters`, 'input');
    }
    const n = typeof input === 'string' ? countTokens(input, tokenizerFamily(quote.model), quote.model.providerModel) : input.length;
    if (n > quote.model.contextWindow) {
      throw new BadUserInputError(`input[${i}] has ${n} tokens; ${quote.model.displayName} takes at most ${quote.model.contextWindow} per input`, 'input');
    }
    return n;
  }
}

/**
 * The terms a call is charged on: on a `credits` tier, tokens past the month's allowance carry the
 * surcharge (`used` null: none left, the hold's worst case); elsewhere the quote's own terms.
 */
export function termsAt(quote: Quote, used: MonthUsage | null): ChargeTerms {
  const overage = overageTerms(quote.tier, used);
  return overage ? { ...quote.terms, overage } : quote.terms;
}
