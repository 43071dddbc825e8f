import { describe, expect, it } from 'vitest';
import { paymentAmount, paymentKindLabel, paymentStatus, safeExternalUrl } from '../payment-format';

describe('payment formatting', () => {
  it('labels kinds and statuses, and passes unknown values through', () => {
    expect(paymentKindLabel('PACKAGE')).toBe('Credit package');
    expect(paymentKindLabel('AUTO_RECHARGE')).toBe('Auto-recharge');
    expect(paymentKindLabel('GIFT')).toBe('GIFT');
    expect(paymentStatus('PAID')).toEqual({ label: 'Paid', tone: 'ok' });
    expect(paymentStatus('PENDING').tone).toBe('pending');
    expect(paymentStatus('SOMETHING')).toEqual({ label: 'SOMETHING', tone: 'neutral' });
  });

  it('shows the API amount exactly, as dollars', () => {
    expect(paymentAmount('15.00')).toBe('$15.00');
    expect(paymentAmount('1234.50')).toBe('$1,234.50');
    expect(paymentAmount('0.07')).toBe('$0.07');
  });

  it('links only http(s) receipts', () => {
    expect(safeExternalUrl('https://pay.stripe.com/receipts/x')).toBe('https://pay.stripe.com/receipts/x');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('/relative')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
    expect(safeExternalUrl('')).toBeNull();
  });
});
