import { describe, expect, it } from 'vitest';
import { refundedBySpend, stillRefundable } from '../refundable';

const none = new Map<string, bigint>();

describe('stillRefundable', () => {
  it('offers the whole charge of a spend not refunded yet: usage charges and admin deductions', () => {
    expect(stillRefundable({ id: 'a', type: 'USAGE', amount: '-0.001234' }, none)).toBe('0.001234');
    expect(stillRefundable({ id: 'b', type: 'ADMIN_DEDUCT', amount: '-5.000000' }, none)).toBe('5.000000');
  });

  it('offers nothing on credit added, on a free call (a cache hit), nor on other debits', () => {
    expect(stillRefundable({ id: 'c', type: 'REFUND', amount: '0.001234' }, none)).toBeNull();
    expect(stillRefundable({ id: 'd', type: 'PURCHASE', amount: '100.000000' }, none)).toBeNull();
    expect(stillRefundable({ id: 'e', type: 'USAGE', amount: '0.000000' }, none)).toBeNull();
    expect(stillRefundable({ id: 'f', type: 'EXPIRY', amount: '-1.000000' }, none)).toBeNull();
    expect(stillRefundable({ id: 'g', type: 'CLAWBACK', amount: '-1.000000' }, none)).toBeNull();
  });

  it('takes off what earlier refunds gave back, down to zero', () => {
    const refunded = refundedBySpend([
      { source: 'refund', reference: 'entry:a', amount: '0.000234' },
      { source: 'refund', reference: 'entry:a', amount: '0.000500' },
      { source: 'refund', reference: 'entry:b', amount: '5.000000' },
      // Not refunds of a spend: ignored.
      { source: 'admin', reference: 'entry:a', amount: '9.000000' },
      { source: 'refund', reference: null, amount: '1.000000' },
      { source: 'purchase', reference: 'charge:ch_1', amount: '100.000000' },
    ]);
    expect(refunded).toEqual(
      new Map([
        ['a', 734n],
        ['b', 5_000_000n],
      ]),
    );
    expect(stillRefundable({ id: 'a', type: 'USAGE', amount: '-0.001234' }, refunded)).toBe('0.000500');
    expect(stillRefundable({ id: 'b', type: 'ADMIN_DEDUCT', amount: '-5.000000' }, refunded)).toBe('0.000000');
  });
});
