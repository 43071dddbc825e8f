import { describe, expect, it } from 'vitest';
import { memberLabel, memberSeries, NO_MEMBER_LABEL, type MemberUsageRow } from '../member-usage';

const row = (email: string | null, cost: string, requests = 1): MemberUsageRow => ({
  userId: email ? `id-${email}` : null,
  email,
  requests,
  tokens: requests * 10,
  cost,
});

describe('memberSeries', () => {
  it('puts the largest spender first, comparing exact amounts', () => {
    const points = memberSeries([row('a@x', '0.000001'), row('b@x', '12.000000'), row('c@x', '0.000002')]);
    expect(points.map((p) => p.label)).toEqual(['b@x', 'c@x', 'a@x']);
    expect(points[0]).toMatchObject({ cost: '12.000000', spendValue: 12, requests: 1, tokens: 10 });
  });

  it('orders ties by email, so the order is stable', () => {
    expect(memberSeries([row('z@x', '1'), row('a@x', '1')]).map((p) => p.label)).toEqual(['a@x', 'z@x']);
  });

  it('sums the tail exactly into one "Other" line', () => {
    const rows = [row('a@x', '5'), row('b@x', '4'), row('c@x', '0.100001', 2), row('d@x', '0.200002', 3)];
    const points = memberSeries(rows, 2);
    expect(points.map((p) => p.label)).toEqual(['a@x', 'b@x', 'Other (2 members)']);
    expect(points[2]).toMatchObject({ cost: '0.300003', requests: 5, tokens: 50, key: 'other' });
  });

  it('never hides a single member behind "Other"', () => {
    expect(memberSeries([row('a@x', '3'), row('b@x', '2'), row('c@x', '1')], 2).map((p) => p.label)).toEqual(['a@x', 'b@x', 'c@x']);
  });

  it('names spending that no member made', () => {
    expect(memberLabel({ email: null })).toBe(NO_MEMBER_LABEL);
    expect(memberSeries([row(null, '1')])[0]).toMatchObject({ key: 'none', label: NO_MEMBER_LABEL });
  });
});
