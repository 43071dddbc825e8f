import { describe, expect, it } from 'vitest';
import { emailProblem, normalizeEmail, passwordProblem } from '../auth.js';

describe('emailProblem', () => {
  it.each(['a@b.co', ' Mixed@Example.COM ', 'first.last+tag@sub.example.org'])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });
  it.each(['', 'plain', 'a@b', 'a b@c.de', '@c.de', 'a@@c.de', `${'x'.repeat(250)}@c.de`])('rejects %j', (email) => {
    expect(emailProblem(email)).not.toBeNull();
  });
  it('normalises case and surrounding space', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
  });
});

describe('passwordProblem', () => {
  it('accepts a long mixed password', () => {
    expect(passwordProblem('correct-horse-7')).toBeNull();
  });
  it.each([
    ['short1', /at least/],
    ['onlyletterspassword', /mix/],
    ['12345678901234', /mix/],
    ['Password123', /guess/],
    ['aaaaaaaaaa1', /guess/],
    ['x1'.repeat(200), /at most/],
  ])('rejects %j', (password, why) => {
    expect(passwordProblem(password)).toMatch(why);
  });
});
