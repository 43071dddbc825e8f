import { estimateCharge, formatCredits, parseCredits, usdPerMillionToNano, type ChatMessage, type TokenizerFamily } from '@tollgate/shared';
import { signedMicro } from '../credits/money';

/**
 * The estimate the server's `estimateCost` gives, computed in the browser with the same shared
 * code (token counting, price arithmetic) and the same checks in the same order, so the two agree
 * to the micro-credit and refuse the same requests with the same codes.
 */

/** `countMessageTokens` from @tollgate/shared, passed in: it is loaded on demand (its ranks are large). */
export type CountMessageTokens = (messages: ChatMessage[], family: TokenizerFamily, model?: string) => number;

/** What the estimate needs of a model: the `models` query's fields. */
export interface EstimatorModel {
  id: string;
  displayName: string;
  provider: string;
  providerModel: string;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  /** The caller's markup for this model (their tier's, or the class's). */
  markupBps: number;
  maxOutputTokens: number;
  contextWindow: number;
  allowed: boolean;
}

export interface EstimatorTier {
  name: string;
  maxTokensPerRequest: number;
}

export interface EstimateProblem {
  /** The API's error code: BAD_USER_INPUT, MODEL_NOT_ALLOWED, TIER_LIMIT_EXCEEDED or NOT_FOUND here. */
  code: string;
  message: string;
  field?: 'prompt' | 'maxTokens' | 'model';
}

export interface EstimateFigures {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  /** Exact `Credits` strings, as the API writes them ("0.012345"). */
  expectedCredits: string;
  maxCredits: string;
  /** Whether `available` covers the maximum; null while the balance is unknown. */
  affordable: boolean | null;
}

export type EstimateOutcome = { ok: true; figures: EstimateFigures } | { ok: false; problem: EstimateProblem };

/** The server's limits (server/src/modules/catalog/catalog.domain.ts). */
export const MAX_PROMPT_CHARS = 400_000;
export const ABSURD_MAX_TOKENS = 1_000_000;
/** GraphQL's Int: anything larger cannot even be sent. */
export const MAX_GRAPHQL_INT = 2_147_483_647;

const FAMILIES: readonly TokenizerFamily[] = ['openai', 'anthropic', 'google', 'openrouter', 'sandbox'];

/**
 * The max-tokens box: empty means "the default budget" (null), digits a number; anything else is
 * `undefined`, which the form reports and the server is never asked about.
 */
export function parseMaxTokens(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= MAX_GRAPHQL_INT ? value : undefined;
}

export function promptProblem(prompt: string): EstimateProblem | undefined {
  if (prompt.trim().length === 0) return { code: 'BAD_USER_INPUT', message: 'prompt must not be empty', field: 'prompt' };
  if (prompt.length > MAX_PROMPT_CHARS) {
    return { code: 'BAD_USER_INPUT', message: `prompt must be at most ${MAX_PROMPT_CHARS} characters`, field: 'prompt' };
  }
  return undefined;
}

/** The output budget: `maxTokens` checked against the model and the tier, else the smaller of their caps. */
export function outputBudget(model: EstimatorModel, tier: EstimatorTier, maxTokens: number | null): { budget: number } | { problem: EstimateProblem } {
  if (maxTokens === null) return { budget: Math.min(model.maxOutputTokens, tier.maxTokensPerRequest) };
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > ABSURD_MAX_TOKENS) {
    return { problem: { code: 'BAD_USER_INPUT', message: `maxTokens must be a whole number from 1 to ${model.maxOutputTokens}`, field: 'maxTokens' } };
  }
  if (maxTokens > tier.maxTokensPerRequest) {
    return {
      problem: {
        code: 'TIER_LIMIT_EXCEEDED',
        message: `Your ${tier.name} tier allows at most ${tier.maxTokensPerRequest} output tokens per request`,
        field: 'maxTokens',
      },
    };
  }
  if (maxTokens > model.maxOutputTokens) {
    return { problem: { code: 'BAD_USER_INPUT', message: `${model.displayName} writes at most ${model.maxOutputTokens} tokens`, field: 'maxTokens' } };
  }
  return { budget: maxTokens };
}

export interface EstimateInput {
  model: EstimatorModel | undefined;
  /** The id asked for, for the message when `model` is not in the catalog. */
  modelId: string;
  tier: EstimatorTier;
  prompt: string;
  maxTokens: number | null;
  /** `creditUsd`: USD per credit, "0.010000". */
  creditUsd: string;
  /** The available balance as a `Credits` string; undefined while unknown. */
  available: string | undefined;
  count: CountMessageTokens;
}

/** What `estimateCost` answers for this input, or the error it raises, in the server's order of checks. */
export function estimateLocally({ model, modelId, tier, prompt, maxTokens, creditUsd, available, count }: EstimateInput): EstimateOutcome {
  const badPrompt = promptProblem(prompt);
  if (badPrompt) return { ok: false, problem: badPrompt };
  if (!model) return { ok: false, problem: { code: 'NOT_FOUND', message: `Model "${modelId}" not found`, field: 'model' } };
  if (!model.allowed) {
    return { ok: false, problem: { code: 'MODEL_NOT_ALLOWED', message: `Your ${tier.name} tier does not include ${model.id}`, field: 'model' } };
  }
  const budget = outputBudget(model, tier, maxTokens);
  if ('problem' in budget) return { ok: false, problem: budget.problem };
  const family = tokenizerFamily(model.provider);
  const inputTokens = count([{ role: 'user', content: prompt }], family, model.providerModel);
  if (inputTokens + budget.budget > model.contextWindow) {
    return {
      ok: false,
      problem: {
        code: 'BAD_USER_INPUT',
        message: `The prompt and output budget exceed ${model.displayName}'s context window of ${model.contextWindow} tokens`,
        field: 'prompt',
      },
    };
  }
  const terms = {
    price: { inputNanoPerToken: usdPerMillionToNano(model.inputUsdPerMTok), outputNanoPerToken: usdPerMillionToNano(model.outputUsdPerMTok) },
    markupBps: BigInt(model.markupBps),
    creditUsdMicro: parseCredits(creditUsd),
  };
  const { expected, max } = estimateCharge(terms, inputTokens, budget.budget);
  return {
    ok: true,
    figures: {
      model: model.id,
      inputTokens,
      maxOutputTokens: budget.budget,
      expectedCredits: formatCredits(expected),
      maxCredits: formatCredits(max),
      affordable: available === undefined ? null : signedMicro(available) >= max,
    },
  };
}

/** The server counts with the model's provider as the tokenizer family. */
export function tokenizerFamily(provider: string): TokenizerFamily {
  if ((FAMILIES as readonly string[]).includes(provider)) return provider as TokenizerFamily;
  throw new RangeError(`unknown tokenizer family "${provider}"`);
}
