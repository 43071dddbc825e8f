import { describe, expect, it } from 'vitest';
import { localDateTime, priceChanges, priceFieldOf, priceFormProblems, priceFormValues, toPriceInput, usdProblem } from '../price-form';

const current = { inputUsdPerMTok: '2.5', outputUsdPerMTok: '10', cachedInputUsdPerMTok: '1.25' };
const now = new Date(2026, 10, 21, 12, 0);
const form = (overrides = {}) => ({ ...priceFormValues(current), ...overrides });

describe('usdProblem', () => {
  it('accepts what usdPerMillionToNano accepts: digits with at most 3 decimals', () => {
    for (const ok of ['0', '2.5', '0.075', '0.001', ' 15 ', '1200.125']) expect(usdProblem(ok)).toBeUndefined();
  });

  it('explains each way a price can be wrong', () => {
    expect(usdProblem('')).toBe('Enter a price in USD per 1M tokens, e.g. 2.5');
    expect(usdProblem('0.0005')).toBe('At most 3 decimals: $0.001 per 1M tokens is the smallest step');
    expect(usdProblem('-1')).toBe('Enter the price without a sign');
    expect(usdProblem('$2')).toBe('Enter the number without the $ sign');
    expect(usdProblem('2,50')).toBe('Enter a number such as 2.5 or 0.075');
    expect(usdProblem('1e3')).toBe('Enter a number such as 2.5 or 0.075');
  });
});

describe('priceFormProblems', () => {
  it('accepts a changed price taking effect now', () => {
    expect(priceFormProblems(form({ input: '3' }), current, now)).toEqual({});
  });

  it('refuses an unchanged price, whatever its spelling', () => {
    expect(priceFormProblems(form({ input: '2.500', output: '10.0' }), current, now)).toEqual({
      input: 'This is the current price: change at least one figure',
    });
  });

  it('refuses a cached-input price above the input price, as the server does', () => {
    expect(priceFormProblems(form({ cachedInput: '2.501' }), current, now)).toEqual({ cachedInput: 'The cached-input price cannot exceed the input price' });
  });

  it('wants a future moment for a later start', () => {
    expect(priceFormProblems(form({ input: '3', timing: 'later', effectiveAt: '' }), current, now).effectiveAt).toBe(
      'Pick the date and time the new price takes effect',
    );
    expect(priceFormProblems(form({ input: '3', timing: 'later', effectiveAt: '2026-11-21T12:00' }), current, now).effectiveAt).toBe(
      'Pick a moment in the future, or choose "Now"',
    );
    expect(priceFormProblems(form({ input: '3', timing: 'later', effectiveAt: '2026-11-21T12:01' }), current, now)).toEqual({});
  });
});

describe('toPriceInput', () => {
  it('sends each price in its shortest exact form and no start for "now"', () => {
    expect(toPriceInput('openai/gpt-4o', form({ input: '3.000', output: '12.50', cachedInput: '' }))).toEqual({
      modelId: 'openai/gpt-4o',
      inputUsdPerMTok: '3',
      outputUsdPerMTok: '12.5',
      cachedInputUsdPerMTok: null,
    });
  });

  it('sends a later start as the instant it means in local time', () => {
    const input = toPriceInput('openai/gpt-4o', form({ timing: 'later', effectiveAt: '2026-12-01T09:30' }));
    expect(input.effectiveFrom).toBe(new Date(2026, 11, 1, 9, 30).toISOString());
  });
});

describe('priceChanges', () => {
  it('lists only the figures that change, as money', () => {
    expect(priceChanges(current, form({ input: '3', cachedInput: '' }))).toEqual([
      { label: 'Input', from: '$2.50', to: '$3.00' },
      { label: 'Cached input', from: '$1.25', to: 'no discount' },
    ]);
  });
});

describe('localDateTime and priceFieldOf', () => {
  it('reads datetime-local values and refuses impossible ones', () => {
    expect(localDateTime('2026-02-30T10:00')).toBeNull();
    expect(localDateTime('2026-12-01')).toBeNull();
    expect(localDateTime('2026-12-01T09:30')?.getHours()).toBe(9);
  });

  it("maps the server's field names onto the form's", () => {
    expect(priceFieldOf({ code: 'BAD_USER_INPUT', message: 'x', field: 'effectiveFrom' })).toBe('effectiveAt');
    expect(priceFieldOf({ code: 'BAD_USER_INPUT', message: 'x', field: 'input.cachedInputUsdPerMTok' })).toBe('cachedInput');
    expect(priceFieldOf({ code: 'NOT_FOUND', message: 'x' })).toBeUndefined();
  });
});
