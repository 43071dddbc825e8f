import { describe, expect, it } from 'vitest';
import { overage as tierOverage, tierComparisonRows, type ComparisonTier } from '../../tiers/tier-rows';
import { allowanceShare, overagePolicyText, periodLabel } from '../overage';

describe('the overage panel', () => {
  it('says what happens past the allowance for each policy', () => {
    expect(overagePolicyText({ policy: 'block', surchargeBps: 0 })).toMatch(/refused/);
    expect(overagePolicyText({ policy: 'credits', surchargeBps: 2500 })).toMatch(/normal price \+ 25%\.$/);
    expect(overagePolicyText({ policy: 'credits', surchargeBps: 0 })).toMatch(/at the normal price\.$/);
  });

  it('shows the share of the allowance used, full once it is passed or there is none', () => {
    expect(allowanceShare({ allowanceTokens: 200, usedTokens: 50 })).toBe(0.25);
    expect(allowanceShare({ allowanceTokens: 200, usedTokens: 500 })).toBe(1);
    expect(allowanceShare({ allowanceTokens: 0, usedTokens: 0 })).toBe(1);
  });

  it('labels the UTC calendar month with its last day (the end is exclusive)', () => {
    expect(periodLabel({ periodStart: '2026-12-01T00:00:00.000Z', periodEnd: '2027-01-01T00:00:00.000Z' })).toBe('Dec 1 – Dec 31 (UTC)');
    expect(periodLabel({ periodStart: '2027-02-01T00:00:00.000Z', periodEnd: '2027-03-01T00:00:00.000Z' })).toBe('Feb 1 – Feb 28 (UTC)');
  });
});

describe('the tier comparison', () => {
  const tier = (code: string, extra: Partial<ComparisonTier>): ComparisonTier => ({
    code,
    name: code,
    monthlyPriceUsd: '9.00',
    monthlyCredits: '0.000000',
    rollover: 'none',
    rolloverCap: null,
    monthlyTokenAllowance: 1,
    monthlyRequestCap: 1,
    maxTokensPerRequest: 1,
    requestsPerMinute: 1,
    allowedPriceClasses: [],
    allowedModels: [],
    byokAllowed: false,
    markupBps: null,
    ...extra,
  });

  it('shows the overage policy when the tiers carry it, and no row when they do not', () => {
    const rows = tierComparisonRows([
      tier('free', { overage: 'block', overageSurchargeBps: 0 }),
      tier('pro', { overage: 'credits', overageSurchargeBps: 1500 }),
    ]);
    expect(rows.find((r) => r.key === 'overage')?.cells).toEqual(['Refused', 'Charged from credits, +15%']);
    expect(tierComparisonRows([tier('free', {})]).some((r) => r.key === 'overage')).toBe(false);
    expect(tierOverage({ overage: 'credits', overageSurchargeBps: 0 })).toBe('Charged from credits');
  });
});
