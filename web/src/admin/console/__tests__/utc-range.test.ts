import { describe, expect, it } from 'vitest';
import { addDays, apiRange, dayCount, describeRange, isDay, presetOf, presetRange, rangeFromSearch, rangeProblem } from '../range/utc-range';

// 23:30 UTC on 4 Dec 2026: a viewer east of UTC is already on the 5th; the ranges follow UTC.
const NOW = new Date('2026-12-04T23:30:00Z');

describe('presets (UTC days, `to` not included)', () => {
  it('this month runs from the 1st to tomorrow, today included', () => {
    expect(presetRange('this-month', NOW)).toEqual({ from: '2026-12-01', to: '2026-12-05' });
  });

  it('last month is the whole previous month, across a year boundary too', () => {
    expect(presetRange('last-month', NOW)).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(presetRange('last-month', new Date('2027-01-15T00:00:00Z'))).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });

  it('last 7 and 30 days end with today', () => {
    expect(presetRange('last-7', NOW)).toEqual({ from: '2026-11-28', to: '2026-12-05' });
    expect(dayCount(presetRange('last-7', NOW))).toBe(7);
    expect(dayCount(presetRange('last-30', NOW))).toBe(30);
  });

  it('names the preset a range is, or custom', () => {
    expect(presetOf({ from: '2026-11-01', to: '2026-12-01' }, NOW)).toBe('last-month');
    expect(presetOf({ from: '2026-11-02', to: '2026-12-01' }, NOW)).toBe('custom');
  });
});

describe('the range in the URL', () => {
  it('defaults to this month', () => {
    expect(rangeFromSearch(new URLSearchParams(''), NOW)).toEqual({ from: '2026-12-01', to: '2026-12-05' });
  });

  it('reads from and to as given, problems reported apart', () => {
    expect(rangeFromSearch(new URLSearchParams('from=2026-10-01&to=2026-10-08'), NOW)).toEqual({ from: '2026-10-01', to: '2026-10-08' });
    expect(rangeProblem({ from: '2026-10-01', to: '2026-10-08' })).toBeUndefined();
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-08' })).toMatch(/first day/);
    expect(rangeProblem({ from: '2026-10-01', to: '' })).toMatch(/end day/);
    expect(rangeProblem({ from: '2026-10-08', to: '2026-10-08' })).toMatch(/after/);
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-03' })).toMatch(/366/);
    expect(rangeProblem({ from: '2024-01-01', to: '2025-01-01' })).toBeUndefined(); // a leap year: 366 days
  });

  it('sends UTC midnights to the API', () => {
    expect(apiRange({ from: '2026-12-01', to: '2026-12-05' })).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-05T00:00:00.000Z' });
  });
});

describe('days', () => {
  it('checks calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('adds days across months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('describes the days included, the last being the day before `to`', () => {
    expect(describeRange({ from: '2026-12-01', to: '2027-01-01' })).toBe('1 Dec 2026 – 31 Dec 2026');
    expect(describeRange({ from: '2026-12-04', to: '2026-12-05' })).toBe('4 Dec 2026');
  });
});
