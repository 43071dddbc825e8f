import { describe, expect, it } from 'vitest';
import { signInProblems, signUpProblems, toCredentialsInput } from '../credentials';

describe('signUpProblems', () => {
  it('accepts a valid email and a strong password', () => {
    expect(signUpProblems({ email: 'ada@example.com', password: 'Analytical-Engine-1843' })).toEqual({});
  });

  it('reports each field with the shared rules', () => {
    expect(signUpProblems({ email: 'ada@', password: 'short' })).toEqual({
      email: 'Email is not a valid address',
      password: 'Password must be at least 10 characters',
    });
  });

  it('asks for an email when none was entered', () => {
    expect(signUpProblems({ email: '  ', password: 'Analytical-Engine-1843' })).toEqual({ email: 'Email is required' });
  });
});

describe('signInProblems', () => {
  it('accepts a password that today’s sign-up rules would refuse', () => {
    expect(signInProblems({ email: 'ada@example.com', password: 'short' })).toEqual({});
  });

  it('asks for both fields when they are empty', () => {
    expect(signInProblems({ email: '', password: '' })).toEqual({
      email: 'Email is required',
      password: 'Password is required',
    });
  });
});

describe('toCredentialsInput', () => {
  it('sends the email as the server stores it and the password untouched', () => {
    expect(toCredentialsInput({ email: '  Ada@Example.COM ', password: ' pass word ' })).toEqual({
      email: 'ada@example.com',
      password: ' pass word ',
    });
  });
});
