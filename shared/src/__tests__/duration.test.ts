import { describe, expect, it } from 'vitest';
import { formatDuration } from '../duration.js';

describe('formatDuration', () => {
  it('says the sign-in lockout in minutes, rounded up so waiting that long is enough', () => {
    expect(formatDuration(894)).toBe('15 minutes');
    expect(formatDuration(900)).toBe('15 minutes');
    expect(formatDuration(61)).toBe('2 minutes');
    expect(formatDuration(60)).toBe('1 minute');
  });

  it('keeps exact seconds under a minute, singular for one', () => {
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(45)).toBe('45 seconds');
    expect(formatDuration(0.2)).toBe('1 second');
  });

  it('uses hours and minutes from an hour, dropping a zero part', () => {
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(3900)).toBe('1 hour 5 minutes');
    expect(formatDuration(3599.5)).toBe('1 hour');
    expect(formatDuration(7200 + 60)).toBe('2 hours 1 minute');
  });

  it('uses days and hours from a day', () => {
    expect(formatDuration(86_400)).toBe('1 day');
    expect(formatDuration(86_400 * 2 + 3600 * 3)).toBe('2 days 3 hours');
    expect(formatDuration(86_400 + 1)).toBe('1 day 1 hour');
  });

  it('says "a moment" for nothing or nonsense rather than "0 seconds" or "NaN seconds"', () => {
    expect(formatDuration(0)).toBe('a moment');
    expect(formatDuration(-5)).toBe('a moment');
    expect(formatDuration(Number.NaN)).toBe('a moment');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('a moment');
  });
});
