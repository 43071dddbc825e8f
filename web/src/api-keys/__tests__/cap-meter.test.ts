import { describe, expect, it } from 'vitest';
import { capReached, capShare, resetsIn } from '../cap-meter';

describe('capShare', () => {
  it('is the share of the cap spent, exactly full at the cap and past it', () => {
    expect(capShare('0.000000', '10.000000')).toBe(0);
    expect(capShare('2.500000', '10.000000')).toBe(0.25);
    expect(capShare('10.000000', '10.000000')).toBe(1);
    expect(capShare('12.000000', '10.000000')).toBe(1);
  });

  it('never reads full a micro-credit before the cap', () => {
    expect(capShare('9.999999', '10.000000')).toBeLessThan(1);
  });
});

describe('capReached', () => {
  it('is reached when nothing remains', () => {
    expect(capReached({ remaining: '0.000000' })).toBe(true);
    expect(capReached({ remaining: '0.000001' })).toBe(false);
  });
});

describe('resetsIn', () => {
  const now = new Date('2026-12-05T20:30:00Z');
  it('says how long until the reset, rounded up', () => {
    expect(resetsIn('2026-12-06T00:00:00Z', now)).toBe('resets in 3 hours 30 minutes');
    expect(resetsIn('2026-12-05T20:30:20Z', now)).toBe('resets in 20 seconds');
  });

  it('says "now" once the reset has passed (the list is about to refetch)', () => {
    expect(resetsIn('2026-12-05T20:00:00Z', now)).toBe('resets now');
  });
});
