import { describe, expect, it } from 'vitest';
import type { Candidate, Classification, Complexity, TaskType } from '../auto-select.types.js';
import { requiredQuality, selectModel } from '../selector.js';

function candidate(id: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    id,
    displayName: id.toUpperCase(),
    quality: 3,
    strengths: [],
    allowed: true,
    affordable: true,
    maxCostMicro: 1_000n,
    contextWindow: 128_000,
    inputTokens: 500,
    ...overrides,
  };
}

function classified(taskType: TaskType, complexity: Complexity, signals = ['code fence', 'stack trace']): Classification {
  return { taskType, complexity, signals };
}

function reasonFor(selection: ReturnType<typeof selectModel>, id: string): string | null | undefined {
  return selection.alternatives.find((a) => a.id === id)?.rejectedBecause;
}

describe('selectModel', () => {
  it('chooses the cheapest model that meets the bar, and lists the dearer ones as runners-up', () => {
    const selection = selectModel({
      classification: classified('chat', 'medium'),
      candidates: [candidate('dear', { maxCostMicro: 9_000n }), candidate('cheap', { maxCostMicro: 2_000n }), candidate('middle', { maxCostMicro: 5_000n })],
    });
    expect(selection.model?.id).toBe('cheap');
    expect(selection.alternatives).toEqual([
      { id: 'middle', maxCostMicro: 5_000n, rejectedBecause: null },
      { id: 'dear', maxCostMicro: 9_000n, rejectedBecause: null },
    ]);
    expect(selection.reasoning).toBe(
      'Classified as chat, medium complexity (signals: code fence, stack trace). Chose CHEAP: the cheapest model you can use with quality ≥ 3 for chat (quality 3, at most 0.002000 credits).',
    );
  });

  it('skips models outside the tier and ones the balance cannot cover, saying why', () => {
    const selection = selectModel({
      classification: classified('writing', 'low'),
      candidates: [
        candidate('premium', { allowed: false, maxCostMicro: 1n }),
        candidate('pricey', { affordable: false, maxCostMicro: 2_500_000n }),
        candidate('ok', { maxCostMicro: 3_000_000n }),
      ],
    });
    expect(selection.model?.id).toBe('ok');
    expect(reasonFor(selection, 'premium')).toBe('not included in your tier');
    expect(reasonFor(selection, 'pricey')).toBe('your balance does not cover its worst-case cost of 2.500000 credits');
  });

  it('skips a model whose context window cannot hold the prompt', () => {
    const selection = selectModel({
      classification: classified('summarization', 'medium'),
      candidates: [
        candidate('small-window', { contextWindow: 16_385, inputTokens: 40_000, maxCostMicro: 10n }),
        candidate('exactly-full', { contextWindow: 40_000, inputTokens: 40_000, maxCostMicro: 20n }),
        candidate('long-context', { contextWindow: 1_048_576, inputTokens: 40_000, maxCostMicro: 900n }),
      ],
    });
    expect(selection.model?.id).toBe('long-context');
    expect(reasonFor(selection, 'small-window')).toBe('the prompt (40000 tokens) leaves no room in its 16385-token context window');
    expect(reasonFor(selection, 'exactly-full')).toMatch(/leaves no room/);
  });

  it.each([
    ['chat', 'low', 1],
    ['chat', 'medium', 3],
    ['writing', 'high', 4],
    ['summarization', 'high', 4],
    ['code', 'medium', 3],
    ['code', 'high', 5],
    ['reasoning', 'high', 5],
  ] as const)('needs quality %s/%s ≥ %i', (taskType, complexity, required) => {
    expect(requiredQuality(classified(taskType, complexity))).toBe(required);
  });

  it('passes over cheaper models below the quality bar for the complexity', () => {
    const candidates = [
      candidate('q2', { quality: 2, maxCostMicro: 10n }),
      candidate('q3', { quality: 3, maxCostMicro: 50n }),
      candidate('q4', { quality: 4, maxCostMicro: 400n }),
    ];
    expect(selectModel({ classification: classified('chat', 'low'), candidates }).model?.id).toBe('q2');
    expect(selectModel({ classification: classified('chat', 'medium'), candidates }).model?.id).toBe('q3');
    const high = selectModel({ classification: classified('chat', 'high'), candidates });
    expect(high.model?.id).toBe('q4');
    expect(reasonFor(high, 'q3')).toBe('quality 3 is below the 4 needed for high-complexity chat');
  });

  it('counts a model one point higher for a task type it is strong at', () => {
    const selection = selectModel({
      classification: classified('code', 'high'),
      candidates: [
        candidate('coder', { quality: 4, strengths: ['code'], maxCostMicro: 300n }),
        candidate('generalist', { quality: 4, strengths: ['writing'], maxCostMicro: 100n }),
        candidate('flagship', { quality: 5, maxCostMicro: 2_000n }),
      ],
    });
    expect(selection.model?.id).toBe('coder');
    expect(selection.reasoning).toContain('quality 5 (4 + 1 for its code strength)');
    expect(reasonFor(selection, 'generalist')).toBe('quality 4 is below the 5 needed for high-complexity code');
    expect(reasonFor(selection, 'flagship')).toBeNull();
  });

  it('falls back to the best model the user can use when none meets the bar, and says so', () => {
    const selection = selectModel({
      classification: classified('reasoning', 'high'),
      candidates: [
        candidate('best-locked', { quality: 5, allowed: false }),
        candidate('mini', { quality: 2, maxCostMicro: 10n }),
        candidate('mid', { quality: 3, maxCostMicro: 90n }),
        candidate('mid-cheaper', { quality: 3, maxCostMicro: 40n }),
      ],
    });
    expect(selection.model?.id).toBe('mid-cheaper');
    expect(selection.reasoning).toContain('No model you can use reaches quality 5 for reasoning, so chose the best available, MID-CHEAPER');
    expect(reasonFor(selection, 'mid')).toBe('quality 3 is below the 5 needed for high-complexity reasoning');
    expect(reasonFor(selection, 'best-locked')).toBe('not included in your tier');
  });

  it('does not fall back to a model whose context window is too small', () => {
    const selection = selectModel({
      classification: classified('code', 'high'),
      candidates: [candidate('roomy', { quality: 2 }), candidate('cramped', { quality: 4, contextWindow: 8_000, inputTokens: 9_000 })],
    });
    expect(selection.model?.id).toBe('roomy');
  });

  it('returns no model when nothing is both allowed and affordable', () => {
    const selection = selectModel({
      classification: classified('chat', 'low'),
      candidates: [candidate('locked', { allowed: false }), candidate('dear', { affordable: false }), candidate('both', { allowed: false, affordable: false })],
    });
    expect(selection.model).toBeNull();
    expect(selection.reasoning).toContain('your balance does not cover the worst-case cost of any model your tier includes');
    expect(selection.alternatives.map((a) => [a.id, a.rejectedBecause])).toEqual([
      ['both', 'not included in your tier'],
      ['dear', 'your balance does not cover its worst-case cost of 0.001000 credits'],
      ['locked', 'not included in your tier'],
    ]);
  });

  it('says so when the tier allows nothing, or no candidates were offered', () => {
    expect(selectModel({ classification: classified('chat', 'low'), candidates: [candidate('x', { allowed: false })] }).reasoning).toContain(
      'none is included in your tier',
    );
    expect(selectModel({ classification: classified('chat', 'low'), candidates: [] })).toEqual({
      model: null,
      reasoning: 'Classified as chat, low complexity (signals: code fence, stack trace). No model is available to choose from.',
      alternatives: [],
    });
  });

  it('breaks cost ties by quality, then by id, whatever the input order', () => {
    const tied = [
      candidate('b-model', { quality: 4, maxCostMicro: 100n }),
      candidate('a-model', { quality: 4, maxCostMicro: 100n }),
      candidate('better', { quality: 5, maxCostMicro: 100n }),
      candidate('cheaper-worse', { quality: 2, maxCostMicro: 1n }),
    ];
    for (const order of [tied, [...tied].reverse(), [tied[2]!, tied[0]!, tied[3]!, tied[1]!]]) {
      const selection = selectModel({ classification: classified('writing', 'high'), candidates: order });
      expect(selection.model?.id).toBe('better');
      expect(selection.alternatives.map((a) => a.id)).toEqual(['a-model', 'b-model', 'cheaper-worse']);
    }
  });

  it('treats a free model like any other: cheapest wins when it meets the bar', () => {
    const selection = selectModel({
      classification: classified('chat', 'low', []),
      candidates: [candidate('paid', { maxCostMicro: 5_000n }), candidate('free', { quality: 2, maxCostMicro: 0n })],
    });
    expect(selection.model?.id).toBe('free');
    expect(selection.reasoning.startsWith('Classified as chat, low complexity. Chose FREE')).toBe(true);
  });
});
