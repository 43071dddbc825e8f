import { describe, expect, it } from 'vitest';
import { isTeamManager, periodReset, periodStart } from '../teams.js';

const at = (s: string) => new Date(s);

describe('spend periods (calendar, UTC)', () => {
  it('a day runs from UTC midnight to the next', () => {
    expect(periodStart('day', at('2026-12-05T23:59:59.999Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(periodReset('day', at('2026-12-05T00:00:00.000Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('a week starts on Monday, a Sunday belongs to the week before', () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.
    expect(periodStart('week', at('2026-12-06T12:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(periodStart('week', at('2026-12-07T00:00:00Z')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(periodReset('week', at('2026-12-06T23:59:59Z')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('a month rolls over the year', () => {
    expect(periodStart('month', at('2026-12-31T23:00:00Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(periodReset('month', at('2026-12-31T23:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodReset('month', at('2027-01-31T10:00:00Z')).toISOString()).toBe('2027-02-01T00:00:00.000Z');
  });

  it('only owners and admins manage', () => {
    expect([isTeamManager('owner'), isTeamManager('admin'), isTeamManager('member'), isTeamManager(null)]).toEqual([true, true, false, false]);
  });
});
