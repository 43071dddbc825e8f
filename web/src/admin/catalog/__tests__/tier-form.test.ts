import { describe, expect, it } from 'vitest';
import type { ComparisonTier } from '../../../tiers/tier-rows';
import { modelList, tierChanges, tierFieldOf, tierFormProblems, tierFormValues, toTierInput, usdToCents } from '../tier-form';

const starter: ComparisonTier = {
  code: 'starter',
  name: 'Starter',
  monthlyPriceUsd: '9.00',
  monthlyCredits: '1000.000000',
  rollover: 'capped',
  rolloverCap: '500.000000',
  monthlyTokenAllowance: 2_000_000,
  monthlyRequestCap: 10_000,
  maxTokensPerRequest: 4_096,
  requestsPerMinute: 60,
  allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD'],
  allowedModels: [],
  byokAllowed: false,
  markupBps: 1_000,
  overage: 'credits',
  overageSurchargeBps: 2_500,
};
const known = new Set(['openai/gpt-4o', 'sandbox/echo']);
const form = (overrides = {}) => ({ ...tierFormValues(starter), ...overrides });

describe('usdToCents', () => {
  it('turns dollars and cents into whole cents without a float', () => {
    expect(usdToCents('9')).toBe(900);
    expect(usdToCents('9.5')).toBe(950);
    expect(usdToCents('0.29')).toBe(29);
    expect(usdToCents('19.999')).toBeUndefined();
    expect(usdToCents('-1')).toBeUndefined();
  });
});

describe('tierFormProblems', () => {
  it('accepts the tier as it is', () => {
    expect(tierFormProblems(form(), known)).toEqual({});
  });

  it("holds each limit to the server's range", () => {
    const errors = tierFormProblems(
      form({ maxTokensPerRequest: '0', requestsPerMinute: '100001', monthlyRequestCap: '1,000', markupBps: '10001', monthlyTokenAllowance: '' }),
      known,
    );
    expect(errors).toEqual({
      maxTokensPerRequest: 'From 1 to 1,000,000',
      requestsPerMinute: 'From 1 to 100,000',
      monthlyRequestCap: 'Digits only, e.g. 2048',
      markupBps: 'From 0 to 10,000',
      monthlyTokenAllowance: 'Enter a number',
    });
  });

  it('checks the name, price, credits and named models', () => {
    const errors = tierFormProblems(
      form({ name: ' ', monthlyPriceUsd: '9.999', monthlyCredits: '1.0000001', allowedModels: 'openai/gpt-4o\nopenai/gpt-5' }),
      known,
    );
    expect(errors).toEqual({
      name: 'Give the tier a name',
      monthlyPriceUsd: 'Dollars and cents, e.g. 9 or 9.99',
      monthlyCredits: 'Use at most 6 decimal places',
      allowedModels: 'Not in the catalog: openai/gpt-5',
    });
  });
});

describe('tierChanges and toTierInput', () => {
  it('finds nothing to change in an untouched form', () => {
    expect(tierChanges(starter, form())).toEqual([]);
    expect(toTierInput(starter, form())).toEqual({});
  });

  it('sends only what changed, in the API’s units', () => {
    const values = form({
      monthlyPriceUsd: '12.5',
      maxTokensPerRequest: '8192',
      allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'],
      allowedModels: 'openai/gpt-4o, openai/gpt-4o',
      byokAllowed: true,
    });
    expect(toTierInput(starter, values)).toEqual({
      monthlyPriceCents: 1250,
      maxTokensPerRequest: 8192,
      allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'],
      allowedModels: ['openai/gpt-4o'],
      byokAllowed: true,
    });
    expect(tierChanges(starter, values).map((c) => [c.label, c.from, c.to])).toEqual([
      ['Price', '$9.00 / month', '$12.50 / month'],
      ['Max tokens per request', '4,096', '8,192'],
      ['Price classes', 'Free, Budget, Standard', 'Free, Budget, Standard, Premium'],
      ['Models by name', 'none', 'openai/gpt-4o'],
      ['Own provider keys', 'not allowed', 'allowed'],
    ]);
  });

  it('clears the tier markup with null, so its users pay the class markup again', () => {
    expect(toTierInput(starter, form({ markupBps: '' }))).toEqual({ markupBps: null });
    expect(tierChanges(starter, form({ markupBps: '' }))[0]).toMatchObject({ from: '10%', to: 'By price class' });
  });

  it('changes the overage policy and its surcharge, each only when it differs', () => {
    expect(toTierInput(starter, form({ overage: 'block' }))).toEqual({ overage: 'block' });
    expect(tierChanges(starter, form({ overage: 'block' }))[0]).toMatchObject({
      label: 'Past the allowance',
      from: 'Charged from credits, +25%',
      to: 'Refused',
    });
    expect(toTierInput(starter, form({ overageSurchargeBps: '1500' }))).toEqual({ overageSurchargeBps: 1500 });
    expect(toTierInput(starter, form({ overageSurchargeBps: '2500' }))).toEqual({});
    expect(tierFormProblems(form({ overageSurchargeBps: '100001' }), known).overageSurchargeBps).toBe('From 0 to 100,000');
    expect(tierFormProblems(form({ overageSurchargeBps: '-5' }), known).overageSurchargeBps).toBe('Digits only, e.g. 2048');
  });

  it('treats the same credits written differently as unchanged', () => {
    expect(toTierInput(starter, form({ monthlyCredits: '1000.0' }))).toEqual({});
    expect(toTierInput(starter, form({ monthlyCredits: '1000.5' }))).toEqual({ monthlyCredits: '1000.500000' });
  });
});

describe('modelList and tierFieldOf', () => {
  it('reads model ids from lines and commas, without blanks or repeats', () => {
    expect(modelList(' a/b ,\n\nc/d\na/b ')).toEqual(['a/b', 'c/d']);
  });

  it("maps the server's field names onto the form's", () => {
    expect(tierFieldOf({ code: 'BAD_USER_INPUT', message: 'x', field: 'monthlyPriceCents' })).toBe('monthlyPriceUsd');
    expect(tierFieldOf({ code: 'BAD_USER_INPUT', message: 'x', field: 'input.markupBps' })).toBe('markupBps');
  });
});
