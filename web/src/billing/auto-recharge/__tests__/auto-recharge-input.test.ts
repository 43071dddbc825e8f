import { describe, expect, it } from 'vitest';
import { draftFrom, draftProblems, toInput, usdCents, type AutoRechargeDraft } from '../auto-recharge-input';

const packages = [
  { code: 'starter', priceUsd: '5.00' },
  { code: 'plus', priceUsd: '15.00' },
];
const good: AutoRechargeDraft = { enabled: true, belowCredits: '100', packageCode: 'plus', monthlyLimitUsd: '50' };

describe('usdCents', () => {
  it('reads dollars with at most 2 decimals as exact integer cents', () => {
    expect(usdCents('25')).toBe(2500);
    expect(usdCents('25.5')).toBe(2550);
    expect(usdCents(' 0.07 ')).toBe(7);
    expect(usdCents('19.99')).toBe(1999);
  });

  it('refuses anything else', () => {
    for (const text of ['', '25.555', '-5', '+5', '1e3', '5,00', '.5', 'ten', '1234567890']) expect([text, usdCents(text)]).toEqual([text, null]);
  });
});

describe('draftProblems', () => {
  it('finds none in a good draft', () => {
    expect(draftProblems(good, packages)).toEqual({});
  });

  it('names each field the API would refuse', () => {
    expect(draftProblems({ ...good, belowCredits: '0' }, packages)).toHaveProperty('belowCredits');
    expect(draftProblems({ ...good, belowCredits: '1.1234567' }, packages)).toHaveProperty('belowCredits');
    expect(draftProblems({ ...good, packageCode: 'gone' }, packages)).toHaveProperty('packageCode');
    expect(draftProblems({ ...good, monthlyLimitUsd: '0' }, packages)).toHaveProperty('monthlyLimitUsd');
    expect(draftProblems({ ...good, monthlyLimitUsd: '100000.01' }, packages).monthlyLimitUsd).toBe('Enter more than $0 and at most $100,000.00');
    expect(draftProblems({ ...good, monthlyLimitUsd: '100000' }, packages)).toEqual({});
    expect(draftProblems({ ...good, belowCredits: '1000000.000001' }, packages).belowCredits).toBe('At most 1,000,000 credits');
    expect(draftProblems({ ...good, monthlyLimitUsd: '12.345' }, packages)).toHaveProperty('monthlyLimitUsd');
  });

  it('wants the monthly limit to cover at least one charge of the package', () => {
    expect(draftProblems({ ...good, monthlyLimitUsd: '14.99' }, packages).monthlyLimitUsd).toBe('At least the package price ($15.00)');
    expect(draftProblems({ ...good, monthlyLimitUsd: '15' }, packages)).toEqual({});
  });
});

describe('toInput and draftFrom', () => {
  it("sends the API's exact forms", () => {
    expect(toInput({ ...good, belowCredits: '12.5', monthlyLimitUsd: '49.9' })).toEqual({
      enabled: true,
      belowCredits: '12.500000',
      packageCode: 'plus',
      monthlyLimitUsd: '49.90',
    });
  });

  it('starts from the saved settings, or off with the first package', () => {
    expect(draftFrom({ enabled: true, belowCredits: '12.500000', packageCode: 'plus', monthlyLimitUsd: '30.00' }, packages)).toEqual({
      enabled: true,
      belowCredits: '12.5',
      packageCode: 'plus',
      monthlyLimitUsd: '30.00',
    });
    expect(draftFrom(null, packages)).toEqual({ enabled: false, belowCredits: '100', packageCode: 'starter', monthlyLimitUsd: '5.00' });
  });
});
