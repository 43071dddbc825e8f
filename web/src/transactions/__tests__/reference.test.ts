import { describe, expect, it } from 'vitest';
import { readableDescription, referenceView, usageOfDay } from '../reference';

const AT = '2026-12-05T10:11:12.000Z';
const ID = '3f2b9c1e-5d7a-4c1b-9e0f-1a2b3c4d5e6f';

describe('referenceView', () => {
  it('tells a completion in words and links to the usage of its UTC day', () => {
    expect(referenceView(`completion:${ID}`, AT)).toEqual({
      label: 'Chat completion',
      to: '/usage?from=2026-12-05&to=2026-12-05',
      linkText: "See that day's usage",
    });
  });

  it('names payments, gifts and coupons, with a link where the app has a screen for them', () => {
    expect(referenceView('checkout:cs_test_1', AT)).toMatchObject({ label: 'Credit purchase', to: '/billing' });
    expect(referenceView('invoice:in_1', AT)).toMatchObject({ label: 'Subscription invoice', to: '/billing' });
    expect(referenceView(`gift:${ID}`, AT)).toMatchObject({ label: 'Gift', to: '/promotions' });
    expect(referenceView('coupon:WELCOME10', AT)).toEqual({ label: 'Coupon WELCOME10' });
    expect(referenceView(`entry:${ID}`, AT)).toEqual({ label: 'Refund of an earlier charge' });
  });

  it('says nothing of what it does not know, rather than show a raw id', () => {
    expect(referenceView(null, AT)).toBeNull();
    expect(referenceView('', AT)).toBeNull();
    expect(referenceView(`mystery:${ID}`, AT)).toBeNull();
    expect(referenceView(ID, AT)).toBeNull();
  });

  it('never shows a raw UUID in any label', () => {
    for (const kind of ['completion', 'cache-hit', 'checkout', 'invoice', 'charge', 'dispute', 'gift', 'referral', 'grant', 'entry', 'debt']) {
      expect(referenceView(`${kind}:${ID}`, AT)?.label).not.toContain(ID);
    }
  });
});

describe('readableDescription', () => {
  it('tells references inside a description in words and drops bare UUIDs', () => {
    expect(readableDescription('Debt settled from checkout:cs_test_1 (refund)')).toBe('Debt settled from a credit purchase (refund)');
    expect(readableDescription(`Spend ${ID} refunded`)).toBe('Spend refunded');
    expect(readableDescription('GPT-4o mini completion')).toBe('GPT-4o mini completion');
    expect(readableDescription('Referral bonus: referred by a@example.com')).toBe('Referral bonus: referred by a@example.com');
  });
});

describe('usageOfDay', () => {
  it('falls back to the usage page when the time is not a date', () => {
    expect(usageOfDay('soon')).toBe('/usage');
  });
});
