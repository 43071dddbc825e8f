import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import { spendCapFrom, type SpendCapRefusal } from './spend-cap';

/**
 * What went wrong with an API call, reduced to what the UI needs: the contract's `extensions.code`
 * (or NETWORK / UNKNOWN when the server never answered in GraphQL), the server's message, and the
 * extras some codes carry.
 */
export interface ApiProblem {
  code: string;
  message: string;
  /** BAD_USER_INPUT may name the input field at fault, e.g. "email" or "input.email". */
  field?: string;
  /** RATE_LIMITED carries how long to wait. */
  retryAfterSeconds?: number;
  /** INSUFFICIENT_CREDITS carries what was needed and what was available (`Credits` strings). */
  needed?: string;
  available?: string;
  /** TIER_LIMIT_EXCEEDED names the limit it hit, e.g. 'spend_cap' (which no tier lifts). */
  limit?: string;
  /** A spend-cap refusal's details, when its extensions carry them whole. */
  spendCap?: SpendCapRefusal;
  /**
   * A request-level refusal (the document did not parse or validate): the app's own mistake, whose
   * message names GraphQL types and variables rather than anything the person typed.
   */
  request?: boolean;
}

/**
 * Apollo's request-level codes, which the server folds into BAD_USER_INPUT and keeps as `reason`
 * (server/src/platform/errors.ts). `BAD_USER_INPUT` as a reason is a variable that did not coerce
 * ("Variable "$input" got an invalid value at …"); the services' own refusals carry no such reason.
 */
const REQUEST_REASONS = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export function problemFromError(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    return problemFromGraphQLError(error.errors[0]!);
  }
  if (ServerError.is(error)) return problemFromServerError(error);
  if (error instanceof TypeError) {
    // fetch() rejects with a TypeError when the request never got an answer.
    return { code: 'NETWORK', message: error.message };
  }
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

export function problemFromGraphQLError(error: GraphQLFormattedError): ApiProblem {
  const extensions = error.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN';
  const problem: ApiProblem = { code, message: error.message };
  if (typeof extensions.field === 'string' && extensions.field.length > 0) {
    problem.field = extensions.field;
  }
  if (typeof extensions.reason === 'string' && REQUEST_REASONS.has(extensions.reason)) problem.request = true;
  const retry = positiveSeconds(extensions.retryAfterSeconds);
  if (retry !== undefined) problem.retryAfterSeconds = retry;
  if (code === 'INSUFFICIENT_CREDITS' && typeof extensions.needed === 'string' && typeof extensions.available === 'string') {
    problem.needed = extensions.needed;
    problem.available = extensions.available;
  }
  if (code === 'TIER_LIMIT_EXCEEDED' && typeof extensions.limit === 'string') problem.limit = extensions.limit;
  if (problem.limit === 'spend_cap') {
    const cap = spendCapFrom(extensions);
    if (cap) problem.spendCap = cap;
  }
  return problem;
}

/** A non-2xx answer that Apollo could not read as GraphQL; its body may still be GraphQL JSON. */
function problemFromServerError(error: ServerError): ApiProblem {
  const first = firstGraphQLError(error.bodyText);
  if (first) return problemFromGraphQLError(first);
  if (error.statusCode === 429) {
    const retry = positiveSeconds(error.response.headers.get('retry-after'));
    return { code: 'RATE_LIMITED', message: error.message, ...(retry ? { retryAfterSeconds: retry } : {}) };
  }
  if (error.statusCode === 401) return { code: 'UNAUTHENTICATED', message: error.message };
  if (error.statusCode === 403) return { code: 'FORBIDDEN', message: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: error.message };
}

function firstGraphQLError(bodyText: string): GraphQLFormattedError | undefined {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
      const [first] = body.errors as GraphQLFormattedError[];
      return first && typeof first.message === 'string' ? first : undefined;
    }
  } catch {
    // Not JSON: fall through to the status code.
  }
  return undefined;
}

function positiveSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.ceil(seconds);
}

/** True when the problem is about one of `fields` (matching "email" and "input.email" alike). */
export function problemField<F extends string>(problem: ApiProblem, fields: readonly F[]): F | undefined {
  if (problem.code !== 'BAD_USER_INPUT' || !problem.field) return undefined;
  const name = problem.field.split('.').pop();
  return fields.find((field) => field === name);
}
