import { describe, expect, it } from 'vitest';
import { couponPreview, describeOffer, formatBps, formatCents } from '../coupon-preview';
import { couponReasonMessage, COUPON_REASONS } from '../coupon-reason';
import { couponCodeLooksValid, normalizeCouponCode } from '../coupon-code';

describe('couponPreview', () => {
  it('says what a CREDITS coupon adds, exactly', () => {
    const preview = couponPreview({ valid: true, offer: { code: 'WELCOME10', kind: 'CREDITS', credits: '10.500000' } });
    expect(preview).toMatchObject({ state: 'valid', text: 'WELCOME10: 10.50 credits added to your balance.' });
  });

  it('describes discounts and free months', () => {
    expect(describeOffer({ code: 'EB', kind: 'PERCENT_OFF', percentOffBps: 1250 })).toBe('12.5% off a credit package or subscription checkout.');
    expect(describeOffer({ code: 'FIVE', kind: 'AMOUNT_OFF', amountOffCents: 500 })).toBe('$5.00 off a credit package or subscription checkout.');
    expect(describeOffer({ code: 'FM', kind: 'FREE_MONTH', tierCode: 'starter', freeMonths: 1 })).toMatch(/^A free month of the starter tier/);
    expect(describeOffer({ code: 'FM', kind: 'FREE_MONTH', freeMonths: 3 })).toMatch(/^3 free months/);
  });

  it('gives every refusal reason its own sentence, and an unknown code reads as not found', () => {
    const texts = COUPON_REASONS.map((reason) => couponPreview({ valid: false, reason, offer: null }));
    expect(new Set(texts.map((preview) => 'text' in preview && preview.text)).size).toBe(COUPON_REASONS.length);
    expect(couponPreview({ valid: false, reason: 'EXPIRED', offer: null })).toEqual({
      state: 'invalid',
      reason: 'EXPIRED',
      text: couponReasonMessage('EXPIRED'),
    });
    expect(couponPreview({ valid: false, reason: null, offer: null })).toMatchObject({ reason: 'NOT_FOUND' });
    expect(couponReasonMessage('SOMETHING_NEW')).toBe('This coupon cannot be used.');
  });
});

describe('formatting', () => {
  it('formats basis points and cents with integers only', () => {
    expect(formatBps(2000)).toBe('20%');
    expect(formatBps(1250)).toBe('12.5%');
    expect(formatBps(1)).toBe('0.01%');
    expect(formatCents(1999)).toBe('$19.99');
    expect(formatCents(123456)).toBe('$1,234.56');
  });
});

describe('coupon codes', () => {
  it('trims and upper-cases, and only asks the server about plausible codes', () => {
    expect(normalizeCouponCode('  welcome10 ')).toBe('WELCOME10');
    expect(couponCodeLooksValid('WELCOME10')).toBe(true);
    expect(couponCodeLooksValid('AB')).toBe(false);
    expect(couponCodeLooksValid('NO SPACES')).toBe(false);
  });
});
