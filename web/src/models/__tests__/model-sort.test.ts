import { describe, expect, it } from 'vitest';
import { filterModels, modelViewFromParams, modelViewToParams, nextSort, sortModels, type SortableModel } from '../model-sort';

const model = (id: string, overrides: Partial<SortableModel>): SortableModel => ({
  id,
  displayName: id,
  provider: 'openai',
  priceClass: 'BUDGET',
  inputCreditsPerMTok: '1.000000',
  outputCreditsPerMTok: '1.000000',
  inputUsdPerMTok: '1',
  outputUsdPerMTok: '1',
  contextWindow: 128_000,
  allowed: true,
  ...overrides,
});

const opus = model('anthropic/claude-3-opus', {
  displayName: 'Claude 3 Opus',
  provider: 'anthropic',
  priceClass: 'PREMIUM',
  inputCreditsPerMTok: '1725.000000',
  outputCreditsPerMTok: '8625.000000',
  inputUsdPerMTok: '15',
  outputUsdPerMTok: '75',
  contextWindow: 200_000,
  allowed: false,
});
const mini = model('openai/gpt-4o-mini', {
  displayName: 'GPT-4o mini',
  priceClass: 'BUDGET',
  inputCreditsPerMTok: '15.750000',
  outputCreditsPerMTok: '63.000000',
  inputUsdPerMTok: '0.15',
  outputUsdPerMTok: '0.6',
});
const flash = model('google/gemini-2.0-flash', {
  displayName: 'Gemini 2.0 Flash',
  provider: 'google',
  inputCreditsPerMTok: '10.500000',
  outputCreditsPerMTok: '42.000000',
  inputUsdPerMTok: '0.1',
  outputUsdPerMTok: '0.4',
  contextWindow: 1_048_576,
});
const llama = model('openrouter/llama:free', {
  displayName: 'Llama 3.1 8B (free)',
  provider: 'openrouter',
  priceClass: 'FREE',
  inputCreditsPerMTok: '0.000000',
  outputCreditsPerMTok: '0.000000',
  inputUsdPerMTok: '0',
  outputUsdPerMTok: '0',
  contextWindow: 131_072,
});
const all = [opus, mini, flash, llama];
const ids = (models: SortableModel[]) => models.map((m) => m.id);

describe('sortModels', () => {
  it('sorts credit prices as numbers, not as text ("9.5" before "10")', () => {
    const cheap = model('a', { inputCreditsPerMTok: '9.500000' });
    const dear = model('b', { inputCreditsPerMTok: '10.000000' });
    expect(ids(sortModels([dear, cheap], { key: 'input', direction: 'asc' }))).toEqual(['a', 'b']);
    expect(ids(sortModels(all, { key: 'output', direction: 'desc' }))).toEqual([opus.id, mini.id, flash.id, llama.id]);
  });

  it('orders price classes free, budget, standard, premium', () => {
    expect(ids(sortModels(all, { key: 'class', direction: 'asc' }))).toEqual([llama.id, flash.id, mini.id, opus.id]);
  });

  it('orders the list price by its output half, then its input half', () => {
    const sameOutput = model('z', { displayName: 'Z', inputUsdPerMTok: '0.05', outputUsdPerMTok: '0.4' });
    expect(ids(sortModels([mini, flash, sameOutput], { key: 'list', direction: 'asc' }))).toEqual(['z', flash.id, mini.id]);
  });

  it('puts allowed models first when sorting by tier, and the largest context first by default', () => {
    expect(ids(sortModels(all, { key: 'allowed', direction: 'desc' })).at(-1)).toBe(opus.id);
    expect(ids(sortModels(all, { key: 'context', direction: 'desc' }))[0]).toBe(flash.id);
  });

  it('breaks ties by name, ascending whichever way the column points', () => {
    const b = model('b', { displayName: 'Beta' });
    const a = model('a', { displayName: 'Alpha' });
    expect(ids(sortModels([b, a], { key: 'provider', direction: 'desc' }))).toEqual(['a', 'b']);
  });

  it('leaves its input alone', () => {
    const input = [...all];
    sortModels(input, { key: 'name', direction: 'asc' });
    expect(input).toEqual(all);
  });
});

describe('filterModels', () => {
  it("keeps only what the user's tier allows when asked", () => {
    expect(ids(filterModels(all, true))).toEqual([mini.id, flash.id, llama.id]);
    expect(filterModels(all, false)).toHaveLength(4);
  });
});

describe('nextSort', () => {
  it('flips the direction of the same column and starts another in its natural direction', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'output')).toEqual({ key: 'output', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'context')).toEqual({ key: 'context', direction: 'desc' });
  });
});

describe('model view in the URL', () => {
  it('round-trips sort and filter, and leaves the defaults out', () => {
    const view = { sort: { key: 'output' as const, direction: 'desc' as const }, onlyAllowed: true };
    expect(modelViewToParams(view).toString()).toBe('sort=output&dir=desc&allowed=1');
    expect(modelViewFromParams(modelViewToParams(view))).toEqual(view);
    expect(modelViewToParams({ sort: { key: 'name', direction: 'asc' }, onlyAllowed: false }).toString()).toBe('');
  });

  it('falls back to the default for anything it does not know', () => {
    expect(modelViewFromParams(new URLSearchParams('sort=price&dir=up&allowed=yes'))).toEqual({ sort: { key: 'name', direction: 'asc' }, onlyAllowed: false });
  });
});
