import { formatCredits } from '@tollgate/shared';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { naming } from './echo.js';
import { safeRequestMessage } from './graphql-messages.js';

/**
 * The error codes of docs/api.md ("Errors"). Services throw DomainError subclasses; `formatError` below is the
 * one place that turns anything thrown into a client-safe error with one of these codes.
 */
export const ERROR_CODES = [
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in, or send a valid API key, to do this') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, field?: string) {
    super('BAD_USER_INPUT', message, field ? { field } : {});
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = 'Too many requests; try again later') {
    super('RATE_LIMITED', message, { retryAfterSeconds });
  }
}

export class InsufficientCreditsError extends DomainError {
  constructor(neededMicro: bigint, availableMicro: bigint, message = 'Not enough credits for this') {
    super('INSUFFICIENT_CREDITS', message, { needed: formatCredits(neededMicro), available: formatCredits(availableMicro) });
  }
}

export class IdempotencyConflictError extends DomainError {
  constructor(key: string) {
    super('IDEMPOTENCY_CONFLICT', `${naming('Idempotency key', key)} was already used for a different request`);
  }
}

/** No way to take a payment: no Stripe key, and test mode is off (production without PAYMENTS_TEST_MODE=true). */
export class PaymentsUnavailableError extends DomainError {
  constructor(message = 'Payments are not available on this server') {
    super('PAYMENTS_UNAVAILABLE', message);
  }
}

export class ModelNotAllowedError extends DomainError {
  constructor(modelId: string, tier: string, message = `Your ${tier} tier does not include ${modelId}`) {
    super('MODEL_NOT_ALLOWED', message, { model: modelId, tier });
  }
}

export class TierLimitExceededError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('TIER_LIMIT_EXCEEDED', message, extensions);
  }
}

/** Apollo's own request-level codes, folded into the contract's list. */
const REQUEST_ERRORS: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_FOUND: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_USER_INPUT',
};

type Reporter = (error: unknown) => void;

/**
 * Maps whatever was thrown to a contract error. Domain errors keep their message and extensions;
 * GraphQL request errors keep a message that names the place and the reason but never the value
 * sent (graphql-messages.ts); anything else is reported to the log and answered with a bare
 * INTERNAL_SERVER_ERROR: no stack, no SQL.
 */
export function createFormatError(report: Reporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...original.extensions, code: original.code } };
    }
    const apolloCode = formatted.extensions?.code;
    let requestCode = typeof apolloCode === 'string' ? REQUEST_ERRORS[apolloCode] : undefined;
    // Refusals Apollo makes with a 4xx status but no code (a persisted-query hash that does not
    // match its query, an unsupported persisted-query version) are the client's mistake too.
    if (!requestCode && original instanceof GraphQLError && !formatted.path && isClientStatus(original.extensions?.http)) {
      requestCode = 'BAD_USER_INPUT';
    }
    // Parse, validation (including the depth and complexity rules) and variable coercion errors.
    if (requestCode && original instanceof GraphQLError) {
      const reason = typeof apolloCode === 'string' && apolloCode !== 'INTERNAL_SERVER_ERROR' ? apolloCode : 'BAD_REQUEST';
      return { ...base, message: safeRequestMessage(original, reason), extensions: { code: requestCode, reason } };
    }
    report(original);
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

function isClientStatus(http: unknown): boolean {
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** For transports other than GraphQL (HTTP endpoints): the same mapping as a plain object. */
export function toPublicError(error: unknown, report: Reporter): { code: ErrorCode; message: string; extensions: Record<string, unknown> } {
  if (error instanceof DomainError) return { code: error.code, message: error.message, extensions: error.extensions };
  report(error);
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', extensions: {} };
}
