import { describe, expect, it } from 'vitest';
import { expiresSoon, expiryLabel } from '../expiry';

const now = new Date('2025-03-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();
const HOUR = 3_600_000;

describe('expiryLabel', () => {
  it('says "never" for credit without an expiry', () => {
    expect(expiryLabel(null, now)).toBe('never expires');
  });

  it('counts whole days, rounded down', () => {
    expect(expiryLabel(later(3 * 24 * HOUR), now)).toBe('expires in 3 days');
    expect(expiryLabel(later(3 * 24 * HOUR + 20 * HOUR), now)).toBe('expires in 3 days');
    expect(expiryLabel(later(24 * HOUR), now)).toBe('expires in 1 day');
  });

  it('counts hours, then minutes, on the last day', () => {
    expect(expiryLabel(later(5.5 * HOUR), now)).toBe('expires in 5 hours');
    expect(expiryLabel(later(HOUR / 2), now)).toBe('expires in 30 minutes');
    expect(expiryLabel(later(10_000), now)).toBe('expires in 1 minute');
  });

  it('says "expired" for credit past its expiry that the sweep has not removed yet', () => {
    expect(expiryLabel(later(-HOUR), now)).toBe('expired');
  });
});

describe('expiresSoon', () => {
  it('flags credit expiring within a week', () => {
    expect(expiresSoon(later(6 * 24 * HOUR), now)).toBe(true);
    expect(expiresSoon(later(8 * 24 * HOUR), now)).toBe(false);
    expect(expiresSoon(null, now)).toBe(false);
  });
});
