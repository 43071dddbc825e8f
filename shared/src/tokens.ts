import { countExact, tokenEnds, type EncodingName } from './bpe.js';

export { tokenIds, type EncodingName } from './bpe.js';

/**
 * Token counting shared by the server (estimate, hold, sandbox usage) and the SPA (live estimate),
 * so the two always agree. Pure JS: no Node API (TextEncoder, atob and RegExp only).
 *
 * OpenAI models are counted exactly with OpenAI's published BPE ranks (`o200k_base`,
 * `cl100k_base`, shipped by `js-tiktoken`). Anthropic, Google and other OpenRouter models have no
 * tokenizer we can run here: their counts are a documented, deliberately high approximation
 * (see docs/decisions/0004-token-counting.md for the factors and their measured error).
 *
 * The BPE itself is implemented here, over js-tiktoken's rank data, because js-tiktoken 1.0.21's
 * `Tiktoken.encode` merges pairs in quadratic-or-worse time: 20,000 letters with no space took
 * 20 s on this machine, a denial of service for a server that counts every prompt. Here pieces
 * over 64 bytes merge through a heap (O(n log n)), shorter ones through tiktoken's plain scan, and
 * counts of recurring short pieces are cached. The token ids are exactly those of js-tiktoken's
 * `Tiktoken.encode(text, [], [])`, which the tests use as the reference (sample and random text).
 * At run time only js-tiktoken's two rank modules are loaded (≈1.6 MB gzipped in a bundle: the SPA
 * should import this module lazily, with `import()`; bundles that do not use it tree-shake it away).
 * Special-token text such as `<|endoftext|>` in user content is counted as ordinary text, as the
 * providers' APIs do.
 */

export type TokenizerFamily = 'openai' | 'anthropic' | 'google' | 'openrouter' | 'sandbox';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

// ── Families and models ─────────────────────────────────────────────────────────────────────────

/** The last path segment of a model id, lower-cased: `openai/gpt-4o` → `gpt-4o`, `ft:gpt-3.5-turbo:acme::x` → `gpt-3.5-turbo:acme::x`. */
function bareModel(model: string): string {
  const lower = model.trim().toLowerCase().replace(/^ft:/, '');
  return lower.slice(lower.lastIndexOf('/') + 1);
}

/**
 * The OpenAI encoding a model uses: `cl100k_base` for GPT-4 (incl. turbo), GPT-3.5 and the
 * ada-002 / text-embedding-3 embeddings; `o200k_base` for gpt-4o, gpt-4.1, gpt-4.5, gpt-5, the
 * o-series, gpt-oss and anything unknown or newer.
 */
export function openAiEncodingFor(model?: string): EncodingName {
  if (!model) return 'o200k_base';
  const name = bareModel(model);
  if (/^(gpt-4o|gpt-4\.|gpt-5|gpt-oss|o\d|chatgpt-)/.test(name)) return 'o200k_base';
  if (/^(gpt-4(-|$)|gpt-3\.5|gpt-35|text-embedding-(ada-002|3-))/.test(name)) return 'cl100k_base';
  return 'o200k_base';
}

/**
 * How a family/model is counted. `exact` counts are the provider's own tokenizer. Approximate
 * counts are ⌈factorPercent/100 × max(o200k, cl100k)⌉: the larger of the two OpenAI counts guards
 * against scripts one vocabulary covers poorly; the factor covers the provider's tokenizer being
 * less efficient than OpenAI's. See docs/decisions/0004-token-counting.md.
 */
export type TokenizerBasis = { exact: true; encoding: EncodingName } | { exact: false; encoding: 'max(o200k_base, cl100k_base)'; factorPercent: number };

/** Claude models before Opus 4.7 (Claude 2, 3, 3.5, 3.7, 4.0–4.6) share the older tokenizer. */
export const ANTHROPIC_LEGACY_FACTOR_PERCENT = 135;
/** Opus 4.7 and later use a tokenizer Anthropic says yields ≈30% more tokens: 135% × 1.3. Unknown Claude models get this one. */
export const ANTHROPIC_FACTOR_PERCENT = 176;
export const GOOGLE_FACTOR_PERCENT = 125;
/** Other OpenRouter models (Llama, Mistral, Qwen, DeepSeek, …): many tokenizers, some small-vocabulary. */
export const OTHER_FACTOR_PERCENT = 150;

function isLegacyClaude(model: string): boolean {
  const name = bareModel(model).replace(/\./g, '-');
  const oldStyle = /claude-(instant|\d+)(?=-|$)/.exec(name); // claude-2.1, claude-3-5-sonnet-…, claude-instant-1.2
  if (oldStyle) return oldStyle[1] === 'instant' || Number(oldStyle[1]) <= 3;
  const newStyle = /claude-(?:opus|sonnet|haiku)-(\d+)(?:-(\d{1,2})(?!\d))?/.exec(name); // claude-opus-4-6, claude-sonnet-4-20250514
  if (!newStyle) return false;
  const major = Number(newStyle[1]);
  const minor = Number(newStyle[2] ?? 0);
  return major < 4 || (major === 4 && minor <= 6);
}

export function tokenizerBasis(family: TokenizerFamily, model?: string): TokenizerBasis {
  const approx = (factorPercent: number): TokenizerBasis => ({ exact: false, encoding: 'max(o200k_base, cl100k_base)', factorPercent });
  switch (family) {
    case 'sandbox':
      return { exact: true, encoding: 'o200k_base' };
    case 'openai':
      return { exact: true, encoding: openAiEncodingFor(model) };
    case 'anthropic':
      return approx(model && isLegacyClaude(model) ? ANTHROPIC_LEGACY_FACTOR_PERCENT : ANTHROPIC_FACTOR_PERCENT);
    case 'google':
      return approx(GOOGLE_FACTOR_PERCENT);
    case 'openrouter': {
      const vendor = model?.trim().toLowerCase().split('/')[0] ?? '';
      if (model && vendor === 'openai') return tokenizerBasis('openai', model);
      if (vendor === 'anthropic') return tokenizerBasis('anthropic', model);
      if (vendor === 'google') return tokenizerBasis('google', model);
      return approx(OTHER_FACTOR_PERCENT);
    }
    default:
      throw new RangeError(`unknown tokenizer family "${String(family)}"`);
  }
}

/** The base count an approximation scales: the larger of the two OpenAI counts. */
function baseCount(text: string): number {
  return Math.max(countExact(text, 'o200k_base'), countExact(text, 'cl100k_base'));
}

/** ⌈count × percent / 100⌉ in exact integer steps. */
function scale(count: number, percent: number): number {
  return Math.floor((count * percent + 99) / 100);
}

// ── Public API ──────────────────────────────────────────────────────────────────────────────────

/** Tokens in `text` for a provider family (and model, where the family has several tokenizers). */
export function countTokens(text: string, family: TokenizerFamily, model?: string): number {
  const basis = tokenizerBasis(family, model);
  if (basis.exact) return countExact(text, basis.encoding);
  return scale(baseCount(text), basis.factorPercent);
}

/** OpenAI's chat framing: `<|start|>{role}<|message|>{content}<|end|>` is 3 tokens + the role + the content. */
export const TOKENS_PER_MESSAGE = 3;
/** Every reply is primed with `<|start|>assistant<|message|>`. */
export const TOKENS_REPLY_PRIMING = 3;

/**
 * Prompt tokens of a chat, framing included. OpenAI and sandbox: OpenAI's published rule
 * (3 per message + the role's tokens + the content's tokens, + 3 for the reply priming; the
 * roles are 1 token each), exact for plain-text messages without `name` or tools. Approximate
 * families: the same framing over the base count, the whole total scaled once by the family's
 * factor, so the framing is over-estimated too.
 */
export function countMessageTokens(messages: ChatMessage[], family: TokenizerFamily, model?: string): number {
  const basis = tokenizerBasis(family, model);
  const count = basis.exact ? (text: string) => countExact(text, basis.encoding) : baseCount;
  let total = TOKENS_REPLY_PRIMING;
  for (const message of messages) total += TOKENS_PER_MESSAGE + count(message.role) + count(message.content);
  return basis.exact ? total : scale(total, basis.factorPercent);
}

/**
 * The longest prefix of `text` (cut at a token boundary of the family's encoding, never inside a
 * character) whose `countTokens` is at most `maxTokens`. `text` itself when it already fits.
 */
export function truncateToTokens(text: string, maxTokens: number, family: TokenizerFamily, model?: string): string {
  if (Number.isNaN(maxTokens) || maxTokens < 0) throw new RangeError('maxTokens must be a number >= 0');
  const limit = Math.floor(maxTokens);
  if (!text || countTokens(text, family, model) <= limit) return text;
  if (limit === 0) return '';
  const basis = tokenizerBasis(family, model);
  const encoding = basis.exact ? basis.encoding : 'o200k_base';
  // A prefix of k tokens re-counts to about k (exact) or more (approximate, factor ≥ 1): look no further than limit + slack.
  const ends = tokenEnds(text, encoding, limit + 8);
  const fits = (k: number) => k === 0 || countTokens(text.slice(0, ends[k - 1]), family, model) <= limit;
  let lo = 0; // fits
  let hi = ends.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, ends[lo - 1]);
}
