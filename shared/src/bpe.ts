import type { TiktokenBPE } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

/** The BPE engine behind tokens.ts (why it is ours, not js-tiktoken's encoder: see there). */

export type EncodingName = 'o200k_base' | 'cl100k_base';

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
      if (ranks[i]! < bestRank) {
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

export function countExact(text: string, encoding: EncodingName): number {
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
export function tokenEnds(text: string, encoding: EncodingName, limit: number): number[] {
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
