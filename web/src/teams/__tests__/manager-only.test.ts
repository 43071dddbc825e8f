import { describe, expect, it } from 'vitest';
import { bannerKind } from '../../credits/banner-kind';
import { managerOnly } from '../manager-only';

const team = { id: '00000000-0000-4000-8000-000000000001', name: 'Acme Research' };

describe('managerOnly: what a plain team member may do on the billing screens', () => {
  it('locks the controls for a plain member and says why, naming the team, once', () => {
    expect(managerOnly({ team, memberOnly: true })).toEqual({
      locked: true,
      notice: 'Only an owner or admin of Acme Research can buy credits or change billing for the team.',
    });
  });

  it("leaves an owner's or admin's controls alone", () => {
    expect(managerOnly({ team, memberOnly: false })).toEqual({ locked: false, notice: null });
  });

  it('never locks the own account (and the role still loading locks nothing: the server has the last word)', () => {
    expect(managerOnly({ team: null, memberOnly: false })).toEqual({ locked: false, notice: null });
    expect(managerOnly({ team: null, memberOnly: true })).toEqual({ locked: false, notice: null });
  });
});

describe('bannerKind: what the low-balance banner says', () => {
  const zero = { balance: '0.000000', lowBalance: false };

  it('tells a team with nothing in its pool that it has no credits yet, whatever its threshold', () => {
    expect(bannerKind(zero, true)).toBe('empty-team');
    expect(bannerKind({ ...zero, lowBalance: true }, true)).toBe('empty-team');
  });

  it('warns a team with some credit only below its threshold', () => {
    expect(bannerKind({ balance: '0.500000', lowBalance: true }, true)).toBe('low');
    expect(bannerKind({ balance: '0.500000', lowBalance: false }, true)).toBeNull();
  });

  it('keeps the personal account on its threshold, even at 0', () => {
    expect(bannerKind({ ...zero, lowBalance: true }, false)).toBe('low');
    expect(bannerKind(zero, false)).toBeNull();
    expect(bannerKind(undefined, true)).toBeNull();
  });
});
