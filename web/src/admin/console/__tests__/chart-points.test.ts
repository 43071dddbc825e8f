import { describe, expect, it } from 'vitest';
import { anyNonZero, dayPoints, marginPoints } from '../charts/chart-points';

const day = (d: string, revenue: string, cost: string) => ({
  day: d,
  grossRevenueUsd: revenue,
  netRevenueUsd: revenue,
  providerCostUsd: cost,
  grossProfitUsd: '0.000000',
  outstandingLiabilityUsd: '0.000000',
  mrrUsd: '0.000000',
});

describe('dayPoints', () => {
  it('plots numbers but keeps the exact strings for the tooltip', () => {
    const [point] = dayPoints([day('2026-12-04', '10.000000', '0.000031')]);
    expect(point).toMatchObject({ day: '2026-12-04', label: 'Dec 4', revenue: 10, cost: 0.000031 });
    expect(point!.exact.providerCostUsd).toBe('0.000031');
  });

  it('tells an all-zero range (drawn as an empty state) from one with activity', () => {
    const quiet = dayPoints([day('2026-12-01', '0.000000', '0.000000'), day('2026-12-02', '0.000000', '0.000000')]);
    expect(anyNonZero(quiet, 'revenue', 'cost')).toBe(false);
    expect(anyNonZero(dayPoints([day('2026-12-01', '0.000000', '0.000001')]), 'revenue', 'cost')).toBe(true);
    expect(anyNonZero(dayPoints([day('2026-12-01', '0.000000', '0.000001')]), 'liability')).toBe(false);
  });
});

describe('marginPoints', () => {
  it('leaves out rows without a margin (no revenue) and keeps the order', () => {
    const rows = [
      { id: 'a', marginPercent: '37.50', usageRevenueUsd: '8.000000', providerCostUsd: '5.000000', grossProfitUsd: '3.000000' },
      { id: 'b', marginPercent: null, usageRevenueUsd: '0.000000', providerCostUsd: '1.000000', grossProfitUsd: '-1.000000' },
      { id: 'c', marginPercent: '-25.00', usageRevenueUsd: '4.000000', providerCostUsd: '5.000000', grossProfitUsd: '-1.000000' },
    ];
    const points = marginPoints(rows, (r) => r.id);
    expect(points.map((p) => [p.name, p.margin])).toEqual([
      ['a', 37.5],
      ['c', -25],
    ]);
    expect(points[1]!.exact.marginPercent).toBe('-25.00');
  });
});
