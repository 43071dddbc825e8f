import { describe, expect, it } from 'vitest';
import { daysOf, rangeFromParams, rangeProblem, rangeToParams, rangeToVariables, thisMonth, utcMidnight } from '../usage-range';

// 23:30 on 31 March in UTC−3 is already 1 April in UTC: the month is UTC's.
const NOW = new Date('2025-04-01T02:30:00Z');

describe('the usage date range', () => {
  it('defaults to this UTC month so far', () => {
    expect(thisMonth(NOW)).toEqual({ from: '2025-04-01', to: '2025-04-01' });
    expect(thisMonth(new Date('2024-02-29T23:59:59Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(rangeFromParams(new URLSearchParams(), NOW)).toEqual(thisMonth(NOW));
  });

  it('reads a range from the URL and drops bounds that are not days', () => {
    expect(rangeFromParams(new URLSearchParams('from=2025-03-01&to=2025-03-31'), NOW)).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    expect(rangeFromParams(new URLSearchParams('from=2025-02-30&to=yesterday'), NOW)).toEqual({ from: '2025-04-01', to: '2025-04-01' });
  });

  it('keeps the default out of the URL and writes anything else whole', () => {
    expect(rangeToParams(thisMonth(NOW), NOW).toString()).toBe('');
    expect(rangeToParams({ from: '2025-03-01', to: '2025-04-01' }, NOW).toString()).toBe('from=2025-03-01&to=2025-04-01');
  });

  it('asks the API for whole UTC days, the last one included', () => {
    expect(rangeToVariables({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' });
    expect(() => rangeToVariables({ from: 'x', to: '2025-03-31' })).toThrow(RangeError);
  });

  it('refuses a reversed range, a missing date and one longer than the server answers', () => {
    expect(rangeProblem({ from: '2025-03-02', to: '2025-03-01' })).toBe('The start date is after the end date');
    expect(rangeProblem({ from: '', to: '2025-03-01' })).toBe('Choose both dates');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeUndefined(); // 366 days, a leap year
    expect(rangeProblem({ from: '2024-01-01', to: '2025-01-01' })).toBe('Choose at most 366 days');
  });

  it('lists every day of the range across a month end', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysOf({ from: '2025-03-02', to: '2025-03-01' })).toEqual([]);
    expect(utcMidnight('2025-13-01')).toBeNull();
  });
});
