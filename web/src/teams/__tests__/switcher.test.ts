import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../apollo/describe-problem';
import { resetsIn } from '../cap-text';
import { teamFormProblems } from '../team-form';
import { accountLabel, assignableRoles, canRemove, roleWord } from '../team-roles';

describe('the switcher and the members page', () => {
  it('names each account as the switcher shows it', () => {
    expect(accountLabel(null)).toBe('Personal account');
    expect(accountLabel({ id: 't', name: 'Acme', myRole: 'ADMIN' })).toBe('Acme (admin)');
    expect(roleWord('OWNER')).toBe('owner');
  });

  it('offers the role changes each role may make, as the server allows them', () => {
    expect(assignableRoles('OWNER', 'OWNER')).toEqual(['OWNER', 'ADMIN', 'MEMBER']);
    expect(assignableRoles('ADMIN', 'MEMBER')).toEqual(['ADMIN', 'MEMBER']);
    expect(assignableRoles('ADMIN', 'OWNER')).toEqual([]);
    expect(assignableRoles('MEMBER', 'MEMBER')).toEqual([]);
  });

  it('offers removal to owners and admins, never of an owner by an admin, never of oneself', () => {
    expect(canRemove('OWNER', 'OWNER', false)).toBe(true);
    expect(canRemove('ADMIN', 'MEMBER', false)).toBe(true);
    expect(canRemove('ADMIN', 'OWNER', false)).toBe(false);
    expect(canRemove('MEMBER', 'MEMBER', false)).toBe(false);
    expect(canRemove('OWNER', 'MEMBER', true)).toBe(false);
  });

  it('says when a cap resets as a wait, rounded up', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(resetsIn('2026-12-06T00:00:00Z', now)).toBe('in 14 hours');
    expect(resetsIn('2026-12-05T10:00:30Z', now)).toBe('in 30 seconds');
    expect(resetsIn('2026-12-05T09:00:00Z', now)).toBe('now');
  });

  it('checks the team form: a name, and a billing email that may be left empty on creation only', () => {
    expect(teamFormProblems({ name: ' ', billingEmail: '' }, false)).toEqual({ name: 'Give the team a name' });
    expect(teamFormProblems({ name: 'Acme', billingEmail: '' }, true).billingEmail).toMatch(/receipts/);
    expect(teamFormProblems({ name: 'Acme', billingEmail: 'nope' }, false).billingEmail).toMatch(/receipts/);
    expect(teamFormProblems({ name: 'x'.repeat(81), billingEmail: 'a@b.co' }, true).name).toMatch(/80/);
    expect(teamFormProblems({ name: 'Acme', billingEmail: 'billing@acme.test' }, true)).toEqual({});
  });

  it("words a team's refusals in the server's sentence, and any other refusal generically", () => {
    expect(describeProblem({ code: 'FORBIDDEN', message: 'Only an owner may remove an owner' })).toBe('Only an owner may remove an owner.');
    expect(describeProblem({ code: 'FORBIDDEN', message: 'You are not a member of that team' })).toBe('You are not a member of that team.');
    expect(describeProblem({ code: 'FORBIDDEN', message: 'Forbidden' })).toBe("You don't have permission to do that.");
    expect(describeProblem({ code: 'FORBIDDEN', message: 'team 3f1c2d4e-1111-4111-8111-111111111111 ACCESS_DENIED' })).toBe(
      "You don't have permission to do that.",
    );
  });
});
