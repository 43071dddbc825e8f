import { describe, expect, it } from 'vitest';
import { isRefundable } from '../refundable';

describe('isRefundable', () => {
  it('offers a refund on spends: usage charges and admin deductions', () => {
    expect(isRefundable({ type: 'USAGE', amount: '-0.001234' })).toBe(true);
    expect(isRefundable({ type: 'ADMIN_DEDUCT', amount: '-5.000000' })).toBe(true);
  });

  it('offers none on credit added, nor on a zero charge (a cache hit), nor on other debits', () => {
    expect(isRefundable({ type: 'REFUND', amount: '0.001234' })).toBe(false);
    expect(isRefundable({ type: 'PURCHASE', amount: '100.000000' })).toBe(false);
    expect(isRefundable({ type: 'USAGE', amount: '0.000000' })).toBe(false);
    expect(isRefundable({ type: 'EXPIRY', amount: '-1.000000' })).toBe(false);
    expect(isRefundable({ type: 'CLAWBACK', amount: '-1.000000' })).toBe(false);
  });
});
