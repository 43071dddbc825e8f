import type { TiktokenBPE } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

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
 * 20 s on this machine, a denial of service for a server that counts every prompt. This merge
 * uses a heap (O(n log n) per regex piece) and yields exactly the same token ids as
 * `Tiktoken.encode(text, [], [])` (the tests compare them on the sample and on random text).
 * Special-token text such as `<|endoftext|>` in user content is counted as ordinary text, as the
 * providers' APIs do.
 */

export type TokenizerFamily = 'openai' | 'anthropic' | 'google' | 'openrouter' | 'sandbox';
export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

// ── The BPE encoders: module-level lazy singletons ──────────────────────────────────────────────

interface Bpe {
  /** The encoding's pre-tokenizer pattern (`gu`). */
  readonly pattern: RegExp;
  /** Token bytes as a Latin-1 string (one char per byte) → rank (= token id). */
  readonly ranks: Map<string, number>;
  /** The longest token, in bytes: longer spans need no lookup. */
  readonly maxTokenBytes: number;
  /** Token counts of recent short pieces (words recur); cleared when full. */
  readonly pieceCounts: Map<string, number>;
}

const PIECE_CACHE_ENTRIES = 16_384;
const PIECE_CACHE_MAX_LENGTH = 48;
/** Pieces up to this many bytes merge with a plain scan (no allocation-heavy heap); longer ones use the heap. */
const SMALL_PIECE_BYTES = 64;

const RANK_DATA: Record<EncodingName, TiktokenBPE> = { o200k_base: o200kBase, cl100k_base: cl100kBase };
const encoders: Partial<Record<EncodingName, Bpe>> = {};

function bpeFor(name: EncodingName): Bpe {
  return (encoders[name] ??= buildBpe(RANK_DATA[name]));
}

/** Parses js-tiktoken's rank format: lines of `<prefix> <first rank> <base64 token> <base64 token> …`. */
function buildBpe(data: TiktokenBPE): Bpe {
  const ranks = new Map<string, number>();
  let maxTokenBytes = 0;
  for (const line of data.bpe_ranks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1]!, 10);
    for (let i = 2; i < fields.length; i++) {
      const bytes = atob(fields[i]!);
      ranks.set(bytes, first + i - 2);
      if (bytes.length > maxTokenBytes) maxTokenBytes = bytes.length;
    }
  }
  return { pattern: new RegExp(data.pat_str, 'gu'), ranks, maxTokenBytes, pieceCounts: new Map() };
}

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;

/** A piece's UTF-8 bytes as a Latin-1 string (lone surrogates become U+FFFD, as TextEncoder does). */
function bytesOf(piece: string): string {
  if (ASCII.test(piece)) return piece;
  const bytes = utf8.encode(piece);
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/**
 * Byte-pair merges of a short piece: tiktoken's own algorithm (keep each adjacent pair's rank,
 * merge the lowest, leftmost on ties, re-rank its two neighbours). Returns the part start offsets
 * followed by the end (`bytes.length`).
 */
function mergeSmall(bytes: string, bpe: Bpe): number[] {
  const starts: number[] = [];
  const ranks: number[] = []; // ranks[i]: the pair starting at part i, Infinity when it is no token
  const rankOf = (a: number, b: number) => bpe.ranks.get(bytes.slice(a, b)) ?? Infinity;
  for (let i = 0; i <= bytes.length; i++) starts.push(i);
  for (let i = 0; i < bytes.length - 1; i++) ranks.push(rankOf(i, i + 2));
  ranks.push(Infinity);
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < ranks.length; i++) {
      if (ranks[i]! <= bestRank) {
        bestRank = ranks[i]!;
        best = i;
      }
    }
    if (best < 0) break;
    starts.splice(best + 1, 1);
    ranks.splice(best + 1, 1);
    ranks[best] = best + 2 < starts.length ? rankOf(starts[best]!, starts[best + 2]!) : Infinity;
    if (best > 0) ranks[best - 1] = rankOf(starts[best - 1]!, starts[best + 1]!);
  }
  return starts;
}

const SHIFT = 2 ** 32;

/**
 * Byte-pair merges of one piece (`bytes` is not itself a token): repeatedly merges the adjacent
 * pair with the lowest rank, the leftmost on ties, exactly like tiktoken. Returns the parts as a
 * linked list: part `i` spans bytes [i, next[i]); the first part starts at 0; the end is `n`.
 */
function merge(bytes: string, bpe: Bpe): Int32Array {
  const n = bytes.length;
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const rankAt = new Float64Array(n); // the rank of the pair starting at part i, or -1
  const alive = new Uint8Array(n).fill(1);
  const heap: number[] = []; // rank × 2^32 + start: ordered by rank, then leftmost
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const rankOf = (start: number, end: number): number => {
    if (end - start > bpe.maxTokenBytes) return -1;
    return bpe.ranks.get(bytes.slice(start, end)) ?? -1;
  };
  const push = (key: number) => {
    let i = heap.push(key) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= key) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && heap[r]! < heap[l]! ? r : l;
        if (heap[c]! >= last) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const refresh = (i: number) => {
    const j = next[i]!;
    const rank = j < n ? rankOf(i, next[j]!) : -1;
    rankAt[i] = rank;
    if (rank >= 0) push(rank * SHIFT + i);
  };
  for (let i = 0; i < n - 1; i++) refresh(i);
  while (heap.length > 0) {
    const key = pop();
    const rank = Math.floor(key / SHIFT);
    const i = key - rank * SHIFT;
    // Entries go stale when a part grows or dies; the same rank means the same bytes, so the same pair.
    if (alive[i] === 0 || rankAt[i] !== rank) continue;
    const j = next[i]!;
    const k = next[j]!;
    alive[j] = 0;
    next[i] = k;
    if (k < n) prev[k] = i;
    refresh(i);
    if (prev[i]! >= 0) refresh(prev[i]!);
  }
  return next;
}

/** Calls `onToken(rank, byteLength)` for each token of one piece, in order. */
function encodePiece(bytes: string, bpe: Bpe, onToken: (rank: number, byteLength: number) => void): void {
  const whole = bpe.ranks.get(bytes);
  if (whole !== undefined) return onToken(whole, bytes.length);
  if (bytes.length <= SMALL_PIECE_BYTES) {
    const starts = mergeSmall(bytes, bpe);
    for (let p = 0; p < starts.length - 1; p++) onToken(bpe.ranks.get(bytes.slice(starts[p]!, starts[p + 1]!))!, starts[p + 1]! - starts[p]!);
    return;
  }
  const next = merge(bytes, bpe);
  for (let i = 0; i < bytes.length; i = next[i]!) onToken(bpe.ranks.get(bytes.slice(i, next[i]!))!, next[i]! - i);
}

function countPiece(bytes: string, bpe: Bpe): number {
  if (bpe.ranks.has(bytes)) return 1;
  if (bytes.length <= SMALL_PIECE_BYTES) return mergeSmall(bytes, bpe).length - 1;
  const next = merge(bytes, bpe);
  let count = 0;
  for (let i = 0; i < bytes.length; i = next[i]!) count++;
  return count;
}

function countExact(text: string, encoding: EncodingName): number {
  if (!text) return 0;
  const bpe = bpeFor(encoding);
  const cache = bpe.pieceCounts;
  let count = 0;
  for (const match of text.matchAll(bpe.pattern)) {
    const piece = match[0];
    let n = cache.get(piece);
    if (n === undefined) {
      n = countPiece(bytesOf(piece), bpe);
      if (piece.length <= PIECE_CACHE_MAX_LENGTH) {
        if (cache.size >= PIECE_CACHE_ENTRIES) cache.clear();
        cache.set(piece, n);
      }
    }
    count += n;
  }
  return count;
}

/**
 * The token ids of `text` in `encoding`, special-token text treated as ordinary text (the same
 * ids as js-tiktoken's `encode(text, [], [])`). For tests and debugging; counting needs no ids.
 */
export function tokenIds(text: string, encoding: EncodingName): number[] {
  const bpe = bpeFor(encoding);
  const ids: number[] = [];
  for (const match of text.matchAll(bpe.pattern)) encodePiece(bytesOf(match[0]), bpe, (rank) => ids.push(rank));
  return ids;
}

/**
 * The UTF-16 end offsets of the first `limit` tokens of `text`, each rounded down to a code-point
 * boundary (a token can end inside a multi-byte character), so `text.slice(0, end)` is always a
 * clean prefix.
 */
function tokenEnds(text: string, encoding: EncodingName, limit: number): number[] {
  const bpe = bpeFor(encoding);
  const ends: number[] = [];
  for (const match of text.matchAll(bpe.pattern)) {
    const piece = match[0];
    const bytes = bytesOf(piece);
    const toUtf16 = bytes === piece ? null : byteToUtf16(piece, bytes.length);
    let offset = 0;
    encodePiece(bytes, bpe, (_rank, length) => {
      offset += length;
      if (ends.length < limit) ends.push(match.index + (toUtf16 ? toUtf16[offset]! : offset));
    });
    if (ends.length >= limit) break;
  }
  return ends;
}

/** For each UTF-8 byte offset into `piece`, the UTF-16 offset of the last code point that ends at or before it. */
function byteToUtf16(piece: string, byteLength: number): Int32Array {
  const map = new Int32Array(byteLength + 1);
  let bytePos = 0;
  let unitPos = 0;
  for (const ch of piece) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // a lone surrogate is U+FFFD: 3 bytes
    for (let b = 1; b < size; b++) map[bytePos + b] = unitPos;
    bytePos += size;
    unitPos += ch.length;
    map[bytePos] = unitPos;
  }
  return map;
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
export type TokenizerBasis =
  | { exact: true; encoding: EncodingName }
  | { exact: false; encoding: 'max(o200k_base, cl100k_base)'; factorPercent: number };

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
