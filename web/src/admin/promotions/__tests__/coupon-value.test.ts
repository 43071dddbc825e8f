import { describe, expect, it } from 'vitest';
import { couponValue } from '../coupon-value';

describe('couponValue', () => {
  it('says what each kind gives', () => {
    expect(couponValue({ kind: 'CREDITS', credits: '10.000000' })).toBe('10.00 credits');
    expect(couponValue({ kind: 'PERCENT_OFF', percentOff: 20 })).toBe('20% off');
    expect(couponValue({ kind: 'AMOUNT_OFF', amountOffUsd: '5.00' })).toBe('$5.00 off');
    expect(couponValue({ kind: 'FREE_MONTH', tierCode: 'starter', freeMonths: 1 })).toBe('1 free month of starter');
  });
});
