import { describe, expect, it } from 'vitest';
import { describeProblem, forPeople, problemAction, problemSentence } from '../describe-problem';
import { problemFromGraphQLError } from '../problem';

describe('describeProblem', () => {
  it('tells a rate-limited user how long to wait in words a person uses', () => {
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 894 })).toBe('Too many attempts — try again in 15 minutes.');
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 42 })).toBe('Too many attempts — try again in 42 seconds.');
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 1 })).toBe('Too many attempts — try again in 1 second.');
  });

  it('still asks to wait when the server did not say how long', () => {
    expect(describeProblem({ code: 'RATE_LIMITED', message: 'x' })).toBe('Too many attempts — try again in a moment.');
  });

  it("shows the server's own words for bad input, as they are (they sit beside the field)", () => {
    expect(describeProblem({ code: 'BAD_USER_INPUT', message: 'Email is already registered' })).toBe('Email is already registered');
  });

  it('never shows a GraphQL request error (the app built the request wrong) nor a code in a message', () => {
    const problem = problemFromGraphQLError({
      message: 'Variable "$input" got an invalid value at "input.amount"; Expected type "Credits".',
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_USER_INPUT' },
    });
    expect(problem.request).toBe(true);
    expect(describeProblem(problem)).toBe('The app sent a request the server could not read. Reload the page and try again.');
    expect(describeProblem({ code: 'BAD_USER_INPUT', message: 'No estimate BAD_USER_INPUT' })).toBe('Check what you entered and try again.');
    expect(describeProblem({ code: 'BAD_USER_INPUT', message: '', field: 'input.email' })).toBe('Check the highlighted field and try again.');
  });

  it("keeps a service's own refusal that carries a reason of its own (a referral code)", () => {
    const problem = problemFromGraphQLError({
      message: 'This referral code is not valid: check it, or sign up without it',
      extensions: { code: 'BAD_USER_INPUT', field: 'referralCode', reason: 'UNKNOWN_REFERRAL_CODE' },
    });
    expect(describeProblem(problem)).toBe('This referral code is not valid: check it, or sign up without it');
  });

  it('lets a screen word a code its own way', () => {
    const wording = { UNAUTHENTICATED: 'Email or password is incorrect.' };
    expect(describeProblem({ code: 'UNAUTHENTICATED', message: 'Invalid credentials' }, wording)).toBe('Email or password is incorrect.');
    expect(describeProblem({ code: 'FORBIDDEN', message: 'no' }, wording)).toBe("You don't have permission to do that.");
  });

  it('says a session ended, not "Session token is invalid"', () => {
    expect(describeProblem({ code: 'UNAUTHENTICATED', message: 'Session token is invalid' })).toBe('Your session has ended. Please sign in again.');
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
    expect(describeProblem({ code: 'PAYMENTS_UNAVAILABLE', message: 'Payments are not available on this server' })).toBe(
      'Payments are not available on this server.',
    );
  });

  it('says how many credits were needed and available, and where to buy more', () => {
    const text = describeProblem({ code: 'INSUFFICIENT_CREDITS', message: 'x', needed: '0.431025', available: '0.100000' });
    expect(text).toMatch(/^Not enough credits: this needs up to 0\.43, and 0\.10 are available\. Buy credits on the Billing page\.$/);
    expect(describeProblem({ code: 'INSUFFICIENT_CREDITS', message: 'x' })).toBe('Not enough credits for this. Buy credits on the Billing page.');
    expect(problemSentence({ code: 'INSUFFICIENT_CREDITS', message: 'x' })).toBe('Not enough credits for this.');
    expect(problemAction({ code: 'INSUFFICIENT_CREDITS', message: 'x' })).toMatchObject({ to: '/billing', label: 'Buy credits' });
    expect(problemAction({ code: 'TIER_LIMIT_EXCEEDED', message: 'x' })).toMatchObject({ to: '/tiers', label: 'Compare tiers' });
    expect(describeProblem({ code: 'TIER_LIMIT_EXCEEDED', message: '' })).toBe('That is beyond what your tier allows.');
    expect(problemAction({ code: 'NOT_FOUND', message: 'x' })).toBeUndefined();
  });

  it('never puts a CAPS_SNAKE code in any sentence, whatever the code', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'INSUFFICIENT_CREDITS',
      'RATE_LIMITED',
      'MODEL_NOT_ALLOWED',
      'TIER_LIMIT_EXCEEDED',
      'PROVIDER_UNAVAILABLE',
      'IDEMPOTENCY_CONFLICT',
      'PAYMENTS_UNAVAILABLE',
      'INTERNAL_SERVER_ERROR',
      'NETWORK',
      'UNKNOWN',
    ]) {
      expect(describeProblem({ code, message: `${code} at handler (x.ts:1)` })).not.toMatch(/[A-Z]+_[A-Z]+|undefined|NaN/);
    }
  });
});

describe('forPeople', () => {
  it('keeps a sentence as it is', () => {
    expect(forPeople(' Email is already registered ')).toBe('Email is already registered');
  });

  it('refuses what only a developer reads', () => {
    expect(forPeople('')).toBeUndefined();
    expect(forPeople('Unexpected NOT_FOUND')).toBeUndefined();
    expect(forPeople('No completion 0b0e4b52-6d6d-4a36-9a51-7c6c4e6a6f1e')).toBeUndefined();
    expect(forPeople('Expected { a: 1 }')).toBeUndefined();
    expect(forPeople('Cannot read properties of undefined')).toBeUndefined();
  });
});
