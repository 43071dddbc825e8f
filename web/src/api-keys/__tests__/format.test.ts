import { describe, expect, it } from 'vitest';
import { displayPrefix, formatDateTime } from '../format';

describe('displayPrefix', () => {
  it('marks the hidden rest of the key with an ellipsis', () => {
    expect(displayPrefix('tg_abcd1234')).toBe('tg_abcd1234…');
  });

  it('does not add a second ellipsis', () => {
    expect(displayPrefix('tg_abcd1234…')).toBe('tg_abcd1234…');
  });
});

describe('formatDateTime', () => {
  it('shows a short date and time in the given locale and zone', () => {
    expect(formatDateTime('2025-11-21T07:40:00.000Z', 'en-GB', 'UTC')).toBe('21 Nov 2025, 07:40');
  });

  it('shows a value that is not a date as it came', () => {
    expect(formatDateTime('not a date', 'en-GB', 'UTC')).toBe('not a date');
  });
});
