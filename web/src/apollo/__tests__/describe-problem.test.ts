import { describe, expect, it } from 'vitest';
import { describeProblem } from '../describe-problem';

describe('describeProblem', () => {
  it('tells a rate-limited user how many seconds to wait', () => {
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 42 })).toBe('Too many attempts. Try again in 42 seconds.');
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 1 })).toBe('Too many attempts. Try again in 1 second.');
  });

  it('still asks to wait when the server did not say how long', () => {
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x' })).toBe('Too many attempts. Try again in a moment.');
  });

  it("shows the server's own words for bad input", () => {
    expect(describeProblem({ code: 'BAD_USER_INPUT', message: 'Email is already registered' })).toBe('Email is already registered');
  });

  it('lets a screen word a code its own way', () => {
    const wording = { UNAUTHENTICATED: 'Email or password is incorrect.' };
    expect(describeProblem({ code: 'UNAUTHENTICATED', message: 'Invalid credentials' }, wording)).toBe('Email or password is incorrect.');
    expect(describeProblem({ code: 'FORBIDDEN', message: 'no' }, wording)).toBe("You don't have permission to do that.");
  });

  it('never shows the raw message of an internal or unknown error', () => {
    const text = describeProblem({ code: 'INTERNAL_SERVER_ERROR', message: 'relation "users" does not exist' });
    expect(text).toBe('Something went wrong on our side. Please try again.');
    expect(describeProblem({ code: 'SOMETHING_NEW', message: 'stack...' })).toBe(text);
  });

  it('explains a network failure', () => {
    expect(describeProblem({ code: 'NETWORK', message: 'Failed to fetch' })).toMatch(/Can't reach Tollgate/);
  });

  it("shows the tier's and the gateway's refusals in the server's words", () => {
    expect(describeProblem({ code: 'TIER_LIMIT_EXCEEDED', message: 'Your Free tier does not allow your own provider keys' })).toBe(
      'Your Free tier does not allow your own provider keys.',
    );
    expect(describeProblem({ code: 'MODEL_NOT_ALLOWED', message: '' })).toBe('Your tier does not include that model.');
    expect(describeProblem({ code: 'PROVIDER_UNAVAILABLE', message: 'No key for openai.' })).toBe('No key for openai.');
  });

  it('says how many credits were needed and how many are available', () => {
    expect(describeProblem({ code: 'INSUFFICIENT_CREDITS', message: 'x', needed: '0.431025', available: '0.100000' })).toBe(
      'Not enough credits: this needs up to 0.431025, and 0.10 are available.',
    );
    expect(describeProblem({ code: 'INSUFFICIENT_CREDITS', message: 'x' })).toBe('Not enough credits for this.');
  });
});
