import { describe, expect, it } from 'vitest';
import { changePasswordProblems, newPasswordProblems, resetTokenFrom } from '../new-password';

const GOOD = 'battery-staple-42';

describe('newPasswordProblems', () => {
  it('accepts a good password typed twice', () => {
    expect(newPasswordProblems({ newPassword: GOOD, confirmPassword: GOOD })).toEqual({});
  });
  it("applies sign-up's rules and asks for the same password twice", () => {
    expect(newPasswordProblems({ newPassword: 'short1', confirmPassword: 'short1' }).newPassword).toMatch(/at least 10/);
    expect(newPasswordProblems({ newPassword: GOOD, confirmPassword: '' }).confirmPassword).toBe('Type the new password again');
    expect(newPasswordProblems({ newPassword: GOOD, confirmPassword: `${GOOD}x` }).confirmPassword).toBe('The two passwords differ');
  });
});

describe('changePasswordProblems', () => {
  it('requires the current password, without judging it', () => {
    expect(changePasswordProblems({ currentPassword: '', newPassword: GOOD, confirmPassword: GOOD }).currentPassword).toBe('Enter your current password');
    expect(changePasswordProblems({ currentPassword: 'old', newPassword: GOOD, confirmPassword: GOOD })).toEqual({});
  });
  it('refuses the current password as the new one', () => {
    expect(changePasswordProblems({ currentPassword: GOOD, newPassword: GOOD, confirmPassword: GOOD }).newPassword).toMatch(/differ/);
  });
});

describe('resetTokenFrom', () => {
  it("reads the link's token", () => {
    expect(resetTokenFrom('?token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(resetTokenFrom('?token=a%2Bb')).toBe('a+b');
  });
  it('says null for a link without one', () => {
    expect(resetTokenFrom('')).toBeNull();
    expect(resetTokenFrom('?token=')).toBeNull();
    expect(resetTokenFrom('?other=1')).toBeNull();
  });
});
