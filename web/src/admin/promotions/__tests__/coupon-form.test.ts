import { describe, expect, it } from 'vitest';
import { couponProblems, EMPTY_COUPON, wholePercent, toCouponRequest } from '../coupon-form';

const values = (over: Partial<typeof EMPTY_COUPON>) => ({ ...EMPTY_COUPON, ...over });

describe('coupon form', () => {
  it('accepts a credits coupon and sends the exact amount, upper-case code, no discount fields', () => {
    const form = values({ code: ' welcome10 ', credits: '10', maxRedemptions: '100' });
    expect(couponProblems(form)).toEqual({});
    expect(toCouponRequest(form)).toMatchObject({
      code: 'WELCOME10',
      kind: 'CREDITS',
      credits: '10.000000',
      creditsExpireDays: null,
      percentOff: null,
      amountOffCents: null,
      maxRedemptions: 100,
      perUserLimit: 1,
      startsAt: null,
      expiresAt: null,
      appliesTo: [],
      note: null,
    });
  });

  it('asks for the amount the kind needs', () => {
    expect(couponProblems(values({ code: 'EB20', kind: 'PERCENT_OFF', percentOff: '101' })).percentOff).toBeDefined();
    expect(couponProblems(values({ code: 'FIVE', kind: 'AMOUNT_OFF', amountOffUsd: '0' })).amountOffUsd).toBeDefined();
    expect(couponProblems(values({ code: 'FM', kind: 'FREE_MONTH' }))).toHaveProperty('tierCode');
    expect(couponProblems(values({ code: 'X', credits: '1' })).code).toBeDefined();
  });

  it('converts percent, dollars and days exactly', () => {
    expect(wholePercent('12.5')).toBeUndefined();
    expect(wholePercent('100')).toBe(100);
    expect(wholePercent('0')).toBeUndefined();
    const request = toCouponRequest(
      values({ code: 'EB', kind: 'AMOUNT_OFF', amountOffUsd: '9.99', appliesTo: 'small, large\nsmall', startsOn: '2026-12-01', expiresOn: '2026-12-31' }),
    );
    expect(request.amountOffCents).toBe(999);
    expect(request.appliesTo).toEqual(['small', 'large']);
    expect(new Date(request.expiresAt!).getTime()).toBeGreaterThan(new Date(request.startsAt!).getTime());
  });

  it("sends a credits coupon's expiry in whole days, only for CREDITS, and refuses days out of range", () => {
    expect(toCouponRequest(values({ code: 'SPRING', credits: '5', creditsExpireDays: ' 30 ' })).creditsExpireDays).toBe(30);
    expect(toCouponRequest(values({ code: 'EB20', kind: 'PERCENT_OFF', percentOff: '20', creditsExpireDays: '30' })).creditsExpireDays).toBeNull();
    for (const days of ['0', '3651', '1.5', 'soon']) {
      expect(couponProblems(values({ code: 'SPRING', credits: '5', creditsExpireDays: days })).creditsExpireDays).toBeDefined();
    }
    expect(couponProblems(values({ code: 'SPRING', credits: '5', creditsExpireDays: '3650' }))).toEqual({});
  });

  it('refuses an end before the start and limits below one', () => {
    const problems = couponProblems(
      values({ code: 'ABC', credits: '1', startsOn: '2026-12-31', expiresOn: '2026-12-01', maxRedemptions: '0', perUserLimit: 'x' }),
    );
    expect(Object.keys(problems).sort()).toEqual(['expiresOn', 'maxRedemptions', 'perUserLimit']);
  });
});
