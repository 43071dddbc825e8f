import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDay, startOfLocalDay } from '../local-date';

describe('local days', () => {
  it('starts a day at local midnight and ends it at the next', () => {
    expect(startOfLocalDay('2025-03-01')).toEqual(new Date(2025, 2, 1));
    expect(endOfLocalDay('2025-02-28')).toEqual(new Date(2025, 2, 1));
    expect(endOfLocalDay('2024-12-31')).toEqual(new Date(2025, 0, 1));
  });

  it('refuses days that do not exist', () => {
    expect(startOfLocalDay('2025-02-29')).toBeNull();
    expect(startOfLocalDay('2025-13-01')).toBeNull();
    expect(startOfLocalDay('1 March')).toBeNull();
  });

  it('names the local day of an instant', () => {
    expect(localDay(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
  });
});
