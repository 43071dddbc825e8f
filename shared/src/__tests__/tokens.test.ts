import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import {
  type ChatMessage,
  countMessageTokens,
  countTokens,
  type EncodingName,
  openAiEncodingFor,
  tokenIds,
  tokenizerBasis,
  type TokenizerFamily,
  truncateToTokens,
} from '../tokens.js';
import { TOKEN_SAMPLE } from './token-sample.js';

/** js-tiktoken's own encoder: the reference our BPE must match id for id. */
const reference: Record<EncodingName, Tiktoken> = { o200k_base: new Tiktoken(o200kBase), cl100k_base: new Tiktoken(cl100kBase) };
const referenceIds = (text: string, encoding: EncodingName) => reference[encoding].encode(text, [], []);

const o200k = (text: string) => countTokens(text, 'sandbox');
const cl100k = (text: string) => countTokens(text, 'openai', 'gpt-4-turbo');

/** Fragments that exercise the pre-tokenizer and the merges: scripts, combining marks, emoji, digits, specials, lone surrogates. */
const FRAGMENTS = [
  'a',
  'b',
  'e',
  't',
  'h',
  'the',
  'ing',
  "'s",
  "'LL",
  'Hello',
  ' world',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '1',
  '23',
  '456',
  '.',
  ',',
  '!?',
  '{"',
  '":',
  '=>',
  'é',
  'e\u0301',
  'ß',
  'Ж',
  'ф',
  '中',
  '文',
  'の',
  '한',
  'ا',
  'क',
  'ा',
  'ก',
  '😀',
  '👍🏽',
  '\u200d',
  '<|endoftext|>',
  '<|endofprompt|>',
  '\ud800',
  '\udfff',
];
const textArb = fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 60 });
const anyTextArb = fc.oneof(textArb, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }));

const FAMILIES: Array<[TokenizerFamily, string | undefined]> = [
  ['sandbox', undefined],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-3.5-turbo'],
  ['anthropic', 'claude-3-5-sonnet-20241022'],
  ['anthropic', 'claude-opus-4-7'],
  ['google', 'gemini-2.5-flash'],
  ['openrouter', 'meta-llama/llama-3.1-70b-instruct'],
];

describe('exact OpenAI counts', () => {
  // Pinned once from js-tiktoken 1.0.21 (`encode(text, [], [])`); they must never drift.
  it.each([
    ['Hello, world!', [13225, 11, 2375, 0], [9906, 11, 1917, 0]],
    [
      'The quick brown fox jumps over the lazy dog.',
      [976, 4853, 19705, 68347, 65613, 1072, 290, 29082, 6446, 13],
      [791, 4062, 14198, 39935, 35308, 927, 279, 16053, 5679, 13],
    ],
    ['こんにちは世界', [95839, 28428], [90115, 3574, 244, 98220]],
    ['🙂👍🏽', [37459, 82514, 52622, 121], [9468, 19044, 9468, 239, 235, 9468, 237, 121]],
    ['const x = 42;\n', [1671, 1215, 314, 220, 4689, 307], [1040, 865, 284, 220, 2983, 280]],
  ])('%j', (text, o200kIds, cl100kIds) => {
    expect(tokenIds(text, 'o200k_base')).toEqual(o200kIds);
    expect(tokenIds(text, 'cl100k_base')).toEqual(cl100kIds);
    expect(countTokens(text, 'openai')).toBe(o200kIds.length);
    expect(countTokens(text, 'openai', 'gpt-4o')).toBe(o200kIds.length);
    expect(countTokens(text, 'sandbox')).toBe(o200kIds.length);
    expect(countTokens(text, 'openai', 'gpt-3.5-turbo')).toBe(cl100kIds.length);
  });

  it('pins the counts of a few sample texts', () => {
    const pinned = Object.fromEntries(
      ['prose-paragraph', 'code-python', 'data-json-pretty', 'script-hindi', 'mixed-emoji-chat'].map((id) => {
        const text = TOKEN_SAMPLE.find((s) => s.id === id)!.text;
        return [id, [o200k(text), cl100k(text)]];
      }),
    );
    expect(pinned).toEqual({
      'prose-paragraph': [83, 85],
      'code-python': [139, 140],
      'data-json-pretty': [141, 141],
      'script-hindi': [53, 166],
      'mixed-emoji-chat': [35, 44],
    });
  });

  it('matches js-tiktoken id for id on every sample text', () => {
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      for (const { id, text } of TOKEN_SAMPLE) expect(tokenIds(text, encoding), `${encoding} ${id}`).toEqual(referenceIds(text, encoding));
    }
  });

  it('matches js-tiktoken id for id on random text (incl. lone surrogates and special-token text)', () => {
    fc.assert(
      fc.property(anyTextArb, fc.constantFrom<EncodingName>('o200k_base', 'cl100k_base'), (text, encoding) => {
        const expected = referenceIds(text, encoding);
        expect(tokenIds(text, encoding)).toEqual(expected);
        expect(countTokens(text, 'openai', encoding === 'o200k_base' ? 'gpt-4o' : 'gpt-4')).toBe(expected.length);
      }),
      { numRuns: 400 },
    );
  });

  it('matches js-tiktoken on single pieces around the scan/heap switch (64 bytes)', () => {
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'q', 'z', 'é', 'ж', '中'), minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(letters, fc.constantFrom<EncodingName>('o200k_base', 'cl100k_base'), (word, encoding) => {
        expect(tokenIds(word, encoding)).toEqual(referenceIds(word, encoding));
        expect(countTokens(word, 'openai', encoding === 'o200k_base' ? 'gpt-4o' : 'gpt-4')).toBe(referenceIds(word, encoding).length);
      }),
      { numRuns: 300 },
    );
  });

  it('matches js-tiktoken on long pieces (the heap merge path)', () => {
    const letters = Array.from({ length: 1_500 }, (_, i) => String.fromCharCode(97 + ((i * 7_919) % 26))).join('');
    for (const text of [letters, 'a'.repeat(1_500), '中文'.repeat(400), '_'.repeat(1_000)]) {
      for (const encoding of ['o200k_base', 'cl100k_base'] as const) expect(tokenIds(text, encoding)).toEqual(referenceIds(text, encoding));
    }
  });

  it('counts pathological input fast (js-tiktoken 1.0.21 takes ~20 s for 20,000 letters)', () => {
    o200k('warm up');
    cl100k('warm up');
    const started = performance.now();
    expect(o200k('a'.repeat(100_000))).toBe(12_500);
    expect(countTokens('x'.repeat(50_000), 'anthropic')).toBeGreaterThan(0);
    expect(o200k(Array.from({ length: 50_000 }, (_, i) => String.fromCharCode(97 + ((i * 7_919) % 26))).join(''))).toBeGreaterThan(20_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('treats special-token text as ordinary text', () => {
    expect(() => o200k('<|endoftext|>')).not.toThrow();
    expect(o200k('<|endoftext|>')).toBeGreaterThan(1);
  });

  it.each([
    [undefined, 'o200k_base'],
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-5-mini', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-oss-120b', 'o200k_base'],
    ['some-future-model', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-4-1106-preview', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['GPT-3.5-Turbo-16k', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0125:acme::abc123', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
  ])('openai model %j uses %s', (model, encoding) => {
    expect(openAiEncodingFor(model)).toBe(encoding);
  });
});

describe('families', () => {
  it.each([
    ['claude-3-5-sonnet-20241022', 135],
    ['claude-3-opus-20240229', 135],
    ['claude-2.1', 135],
    ['claude-instant-1.2', 135],
    ['claude-sonnet-4-20250514', 135],
    ['claude-opus-4-1-20250805', 135],
    ['claude-sonnet-4-5', 135],
    ['claude-opus-4-6', 135],
    ['claude-opus-4-7', 176],
    ['claude-opus-4-8', 176],
    ['claude-sonnet-5', 176],
    ['claude-something-new', 176],
    [undefined, 176],
  ])('anthropic %j scales by %i%%', (model, factorPercent) => {
    expect(tokenizerBasis('anthropic', model)).toEqual({ exact: false, encoding: 'max(o200k_base, cl100k_base)', factorPercent });
  });

  it('routes OpenRouter models to their vendor', () => {
    expect(tokenizerBasis('openrouter', 'openai/gpt-4o')).toEqual({ exact: true, encoding: 'o200k_base' });
    expect(tokenizerBasis('openrouter', 'openai/gpt-3.5-turbo')).toEqual({ exact: true, encoding: 'cl100k_base' });
    expect(tokenizerBasis('openrouter', 'anthropic/claude-3.5-sonnet')).toMatchObject({ factorPercent: 135 });
    expect(tokenizerBasis('openrouter', 'anthropic/claude-opus-4.7')).toMatchObject({ factorPercent: 176 });
    expect(tokenizerBasis('openrouter', 'google/gemini-2.5-pro')).toMatchObject({ factorPercent: 125 });
    expect(tokenizerBasis('openrouter', 'mistralai/mistral-large')).toMatchObject({ factorPercent: 150 });
    expect(tokenizerBasis('openrouter')).toMatchObject({ factorPercent: 150 });
    expect(tokenizerBasis('google')).toMatchObject({ factorPercent: 125 });
  });

  it('pins the approximate counts of a fixed string', () => {
    // max(o200k, cl100k) = 4; ⌈4 × factor⌉
    expect(countTokens('Hello, world!', 'anthropic', 'claude-3-haiku-20240307')).toBe(6);
    expect(countTokens('Hello, world!', 'anthropic')).toBe(8);
    expect(countTokens('Hello, world!', 'google')).toBe(5);
    expect(countTokens('Hello, world!', 'openrouter', 'qwen/qwen3-32b')).toBe(6);
    // Hindi: o200k 53, cl100k 166 → the larger one is scaled.
    const hindi = TOKEN_SAMPLE.find((s) => s.id === 'script-hindi')!.text;
    expect(countTokens(hindi, 'google')).toBe(Math.ceil(166 * 1.25));
  });

  it('rejects an unknown family', () => {
    expect(() => countTokens('x', 'mystery' as TokenizerFamily)).toThrow(RangeError);
  });
});

describe('approximations on the sample (docs/decisions/0004-token-counting.md)', () => {
  const rows = TOKEN_SAMPLE.map(({ id, text }) => ({ id, text, o: o200k(text), c: cl100k(text) }));
  /** Rounded percentage deviations from a reference count: min, median, max, and how many under-count. */
  const deviation = (approx: (text: string) => number, ref: 'o' | 'c') => {
    const d = rows.map((r) => approx(r.text) / r[ref] - 1).sort((a, b) => a - b);
    const pct = (x: number) => Math.round(x * 100);
    return { min: pct(d[0]!), median: pct(d[(d.length - 1) >> 1]!), max: pct(d[d.length - 1]!), under: d.filter((x) => x < 0).length };
  };

  it('has at least 30 varied texts', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TOKEN_SAMPLE.map((s) => s.kind)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(TOKEN_SAMPLE.map((s) => s.id)).size).toBe(rows.length);
  });

  const documented: Array<[string, TokenizerFamily, string | undefined, { o: object; c: object }]> = [
    [
      'anthropic (Claude 2 – Opus 4.6)',
      'anthropic',
      'claude-3-5-sonnet-20241022',
      { o: { min: 35, median: 37, max: 325, under: 0 }, c: { min: 35, median: 36, max: 50, under: 0 } },
    ],
    [
      'anthropic (Opus 4.7+ / unknown)',
      'anthropic',
      'claude-opus-4-7',
      { o: { min: 76, median: 78, max: 453, under: 0 }, c: { min: 76, median: 77, max: 97, under: 0 } },
    ],
    ['google', 'google', 'gemini-2.5-pro', { o: { min: 25, median: 27, max: 292, under: 0 }, c: { min: 25, median: 26, max: 40, under: 0 } }],
    [
      'openrouter (other)',
      'openrouter',
      'meta-llama/llama-3.1-70b-instruct',
      { o: { min: 50, median: 52, max: 370, under: 0 }, c: { min: 50, median: 51, max: 67, under: 0 } },
    ],
  ];
  it.each(documented)('%s: never under-counts o200k or cl100k; deviation as documented', (_name, family, model, expected) => {
    for (const r of rows) {
      const n = countTokens(r.text, family, model);
      expect(n, r.id).toBeGreaterThanOrEqual(r.o); // documented bound: 0% under o200k
      expect(n, r.id).toBeGreaterThanOrEqual(r.c); // and 0% under cl100k
    }
    expect(deviation((t) => countTokens(t, family, model), 'o')).toEqual(expected.o);
    expect(deviation((t) => countTokens(t, family, model), 'c')).toEqual(expected.c);
  });

  it('the rejected alternatives err on the unsafe side, as documented', () => {
    const charsOver4 = (t: string) => Math.ceil(t.length / 4);
    expect(deviation(charsOver4, 'o')).toEqual({ min: -68, median: -24, max: 50, under: 32 });
    expect(deviation(charsOver4, 'c')).toEqual({ min: -76, median: -35, max: 50, under: 35 });
    const o200kOnly = (t: string) => Math.ceil((o200k(t) * 135) / 100);
    expect(deviation(o200kOnly, 'c')).toMatchObject({ min: -57, under: 10 });
  });
});

describe('countMessageTokens', () => {
  const hello: ChatMessage = { role: 'user', content: 'Hello, world!' }; // 4 tokens

  it("uses OpenAI's framing: 3 per message + role + content, + 3 for the reply", () => {
    expect(countMessageTokens([], 'openai')).toBe(3);
    expect(countMessageTokens([hello], 'openai')).toBe(3 + 1 + 4 + 3);
    expect(countMessageTokens([{ role: 'system', content: 'Be brief.' }, hello], 'openai', 'gpt-4o')).toBe(3 + (3 + 1 + o200k('Be brief.')) + (3 + 1 + 4));
    expect(countMessageTokens([{ role: 'assistant', content: '' }], 'sandbox')).toBe(3 + 3 + 1);
    expect(countMessageTokens([hello], 'openai', 'gpt-3.5-turbo')).toBe(3 + 1 + 4 + 3);
  });

  it('scales the framed total once for approximate families', () => {
    // base: 3 + (3 + 1 + 4) = 11 → ⌈11 × 1.35⌉ = 15, ⌈11 × 1.76⌉ = 20, ⌈11 × 1.25⌉ = 14
    expect(countMessageTokens([hello], 'anthropic', 'claude-3-5-haiku-20241022')).toBe(15);
    expect(countMessageTokens([hello], 'anthropic')).toBe(20);
    expect(countMessageTokens([hello], 'google')).toBe(14);
  });

  it('is at least the sum of its contents for every family', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: fc.constantFrom<ChatMessage['role']>('system', 'user', 'assistant'), content: textArb }), { maxLength: 5 }),
        fc.constantFrom(...FAMILIES),
        (messages, [family, model]) => {
          const total = countMessageTokens(messages, family, model);
          const contents = messages.reduce((sum, m) => sum + countTokens(m.content, family, model), 0);
          expect(total).toBeGreaterThanOrEqual(contents + 3);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('truncateToTokens', () => {
  it('returns a prefix with at most maxTokens tokens, for every family', () => {
    fc.assert(
      fc.property(anyTextArb, fc.nat({ max: 40 }), fc.constantFrom(...FAMILIES), (text, maxTokens, [family, model]) => {
        const out = truncateToTokens(text, maxTokens, family, model);
        expect(text.startsWith(out)).toBe(true);
        expect(countTokens(out, family, model)).toBeLessThanOrEqual(maxTokens);
        if (countTokens(text, family, model) <= maxTokens) expect(out).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts exactly at maxTokens for exact tokenizers on ordinary text', () => {
    for (const { id, text } of TOKEN_SAMPLE) {
      for (const max of [1, 5, 12]) {
        if (o200k(text) <= max) continue;
        const out = truncateToTokens(text, max, 'sandbox');
        expect(o200k(out), id).toBe(max);
        expect(tokenIds(out, 'o200k_base'), id).toEqual(tokenIds(text, 'o200k_base').slice(0, max));
      }
    }
    expect(truncateToTokens('The quick brown fox jumps over the lazy dog.', 3, 'sandbox')).toBe('The quick brown');
    expect(truncateToTokens('The quick brown fox jumps over the lazy dog.', 3, 'openai', 'gpt-4')).toBe('The quick brown');
  });

  it('never splits a character', () => {
    // 👍🏽 is 3 o200k tokens whose boundaries fall inside the UTF-8 bytes of the emoji.
    for (let max = 0; max <= 6; max++) {
      const out = truncateToTokens('👍🏽👍🏽', max, 'sandbox');
      expect('👍🏽👍🏽'.startsWith(out)).toBe(true);
      expect(out).not.toMatch(/[\ud800-\udbff]$/); // no dangling high surrogate
    }
  });

  it('handles empty strings and zero', () => {
    for (const [family, model] of FAMILIES) {
      expect(countTokens('', family, model)).toBe(0);
      expect(truncateToTokens('', 10, family, model)).toBe('');
      expect(truncateToTokens('', 0, family, model)).toBe('');
      expect(truncateToTokens('Hello there, general.', 0, family, model)).toBe('');
    }
    expect(tokenIds('', 'o200k_base')).toEqual([]);
    expect(truncateToTokens('abc', Infinity, 'sandbox')).toBe('abc');
    expect(truncateToTokens('one two three four', 2.9, 'sandbox')).toBe('one two');
  });

  it('rejects a negative or NaN limit', () => {
    expect(() => truncateToTokens('abc', -1, 'sandbox')).toThrow(RangeError);
    expect(() => truncateToTokens('abc', Number.NaN, 'sandbox')).toThrow(RangeError);
  });
});
