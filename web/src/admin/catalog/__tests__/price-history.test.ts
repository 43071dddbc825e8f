import { describe, expect, it } from 'vitest';
import { priceVersionStatuses } from '../price-history';

describe('priceVersionStatuses', () => {
  it('marks the latest started version in force, later ones scheduled, earlier ones past', () => {
    const versions = [
      { id: 'next', effectiveFrom: '2026-12-01T00:00:00.000Z' },
      { id: 'now', effectiveFrom: '2026-11-21T10:00:00.000Z' },
      { id: 'seed', effectiveFrom: '2026-11-01T00:00:00.000Z' },
    ];
    const statuses = priceVersionStatuses(versions, new Date('2026-11-21T12:00:00Z'));
    expect(Object.fromEntries(statuses)).toEqual({ next: 'scheduled', now: 'current', seed: 'past' });
  });

  it('counts a version starting this very moment as in force', () => {
    const statuses = priceVersionStatuses([{ id: 'a', effectiveFrom: '2026-11-21T12:00:00.000Z' }], new Date('2026-11-21T12:00:00Z'));
    expect(statuses.get('a')).toBe('current');
  });
});
