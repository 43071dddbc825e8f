import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { problemField, problemFromError } from '../problem';

function graphQLErrors(...errors: { message: string; extensions?: Record<string, unknown> }[]) {
  return new CombinedGraphQLErrors({ data: null, errors });
}

function serverError(status: number, bodyText: string, headers: Record<string, string> = {}) {
  return new ServerError('Response not successful', { response: new Response(bodyText, { status, headers }), bodyText });
}

describe('problemFromError', () => {
  it('reads the code, message and field of the first GraphQL error', () => {
    const error = graphQLErrors(
      { message: 'Email is already registered', extensions: { code: 'BAD_USER_INPUT', field: 'email' } },
      { message: 'second', extensions: { code: 'FORBIDDEN' } },
    );
    expect(problemFromError(error)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Email is already registered',
      field: 'email',
    });
  });

  it('keeps how long a rate-limited caller must wait, rounded up to whole seconds', () => {
    const error = graphQLErrors({ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12.2 } });
    expect(problemFromError(error)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 13 });
  });

  it('ignores a wait that is not a positive number', () => {
    for (const retryAfterSeconds of [0, -3, 'soon', null]) {
      const error = graphQLErrors({ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfterSeconds } });
      expect(problemFromError(error).retryAfterSeconds).toBeUndefined();
    }
  });

  it('keeps what an INSUFFICIENT_CREDITS refusal needed and what was available', () => {
    const error = graphQLErrors({
      message: 'Not enough credits for this',
      extensions: { code: 'INSUFFICIENT_CREDITS', needed: '0.431025', available: '0.100000' },
    });
    expect(problemFromError(error)).toMatchObject({ needed: '0.431025', available: '0.100000' });
  });

  it('calls an error without a code UNKNOWN', () => {
    expect(problemFromError(graphQLErrors({ message: 'boom' })).code).toBe('UNKNOWN');
  });

  it('reads GraphQL errors out of a non-2xx JSON body', () => {
    const body = JSON.stringify({ errors: [{ message: 'No token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(problemFromError(serverError(401, body))).toEqual({ code: 'UNAUTHENTICATED', message: 'No token' });
  });

  it('turns a bare 429 into RATE_LIMITED with the Retry-After header', () => {
    const problem = problemFromError(serverError(429, 'Too Many Requests', { 'retry-after': '30' }));
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('treats other bare server failures as internal errors', () => {
    expect(problemFromError(serverError(502, '<html>Bad gateway</html>')).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('recognises a request that never got an answer', () => {
    expect(problemFromError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
  });
});

describe('problemField', () => {
  const fields = ['email', 'password'] as const;

  it('matches a field named plainly or by its input path', () => {
    expect(problemField({ code: 'BAD_USER_INPUT', message: '', field: 'email' }, fields)).toBe('email');
    expect(problemField({ code: 'BAD_USER_INPUT', message: '', field: 'input.password' }, fields)).toBe('password');
  });

  it('ignores fields the form does not have, and codes other than BAD_USER_INPUT', () => {
    expect(problemField({ code: 'BAD_USER_INPUT', message: '', field: 'input.name' }, fields)).toBeUndefined();
    expect(problemField({ code: 'FORBIDDEN', message: '', field: 'email' }, fields)).toBeUndefined();
  });
});
