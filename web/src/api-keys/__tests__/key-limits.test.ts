import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../ui/local-date';
import { keyLimitsProblems, keyLimitsValues, NO_LIMITS, periodLabel, toKeyLimitsInput, toggleModel } from '../key-limits';

const TODAY = '2026-12-05';

describe('keyLimitsProblems', () => {
  it('accepts a key without any limit', () => {
    expect(keyLimitsProblems(NO_LIMITS, TODAY)).toEqual({});
  });

  it('checks the cap as a credit amount above zero', () => {
    expect(keyLimitsProblems({ ...NO_LIMITS, capAmount: '10' }, TODAY)).toEqual({});
    expect(keyLimitsProblems({ ...NO_LIMITS, capAmount: '0' }, TODAY).capAmount).toBe('Amount must be greater than zero');
    expect(keyLimitsProblems({ ...NO_LIMITS, capAmount: 'ten' }, TODAY).capAmount).toBe('Enter a number such as 12.5');
    expect(keyLimitsProblems({ ...NO_LIMITS, capAmount: '1.0000001' }, TODAY).capAmount).toBe('Use at most 6 decimal places');
  });

  it('refuses an expiry day in the past, accepts today', () => {
    expect(keyLimitsProblems({ ...NO_LIMITS, expiresOn: '2026-12-04' }, TODAY).expiresOn).toBe('Choose today or a later day');
    expect(keyLimitsProblems({ ...NO_LIMITS, expiresOn: TODAY }, TODAY)).toEqual({});
    expect(keyLimitsProblems({ ...NO_LIMITS, expiresOn: '2026-02-30' }, TODAY).expiresOn).toBe('Choose a date');
  });

  it('wants a model when the key is limited to some', () => {
    expect(keyLimitsProblems({ ...NO_LIMITS, restrictModels: true }, TODAY).models).toMatch(/at least one model/);
    expect(keyLimitsProblems({ ...NO_LIMITS, restrictModels: true, models: ['sandbox/echo'] }, TODAY)).toEqual({});
  });
});

describe('toKeyLimitsInput', () => {
  it('sends null for every limit left empty', () => {
    expect(toKeyLimitsInput(NO_LIMITS)).toEqual({ cap: null, expiresAt: null, allowedModels: null });
  });

  it('sends the exact cap, the end of the chosen local day, and the sorted models', () => {
    const input = toKeyLimitsInput({ capAmount: ' 2.5 ', capPeriod: 'WEEK', expiresOn: '2027-03-31', restrictModels: true, models: ['b/m', 'a/m'] });
    expect(input).toEqual({
      cap: { limit: '2.500000', period: 'WEEK' },
      expiresAt: endOfLocalDay('2027-03-31')!.toISOString(),
      allowedModels: ['a/m', 'b/m'],
    });
  });

  it('drops the chosen models when every model is allowed again', () => {
    expect(toKeyLimitsInput({ ...NO_LIMITS, restrictModels: false, models: ['a/m'] }).allowedModels).toBeNull();
  });
});

describe('keyLimitsValues', () => {
  it('starts the edit form from the key, reading back what the form sent', () => {
    const sent = toKeyLimitsInput({ capAmount: '10.5', capPeriod: 'MONTH', expiresOn: '2027-01-15', restrictModels: true, models: ['sandbox/echo'] });
    expect(keyLimitsValues(sent)).toEqual({ capAmount: '10.5', capPeriod: 'MONTH', expiresOn: '2027-01-15', restrictModels: true, models: ['sandbox/echo'] });
  });

  it('shows whole caps without decimals and a key without limits as empty', () => {
    expect(keyLimitsValues({ cap: { limit: '10.000000', period: 'DAY' }, expiresAt: null, allowedModels: null }).capAmount).toBe('10');
    expect(keyLimitsValues({ cap: null, expiresAt: null, allowedModels: null })).toEqual(NO_LIMITS);
  });
});

describe('helpers', () => {
  it('names a period as a cap says it', () => {
    expect(periodLabel('DAY')).toBe('per day');
    expect(periodLabel('MONTH')).toBe('per month');
  });

  it('toggles a model without duplicates', () => {
    expect(toggleModel(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleModel(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggleModel(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
