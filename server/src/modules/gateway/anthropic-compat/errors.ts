import type express from 'express';
import type { ErrorCode } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { bodyErrorOf, v1ErrorOf } from '../openai-compat/errors.js';

/** Anthropic's error types, as its SDK parses them. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/** Anthropic's error body: `{ type: 'error', error: { type, message } }`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
}

/**
 * Contract code → Anthropic's status and type. Where Anthropic has no exact match: credit too low
 * is its 402 `billing_error` (the SDK's PaymentRequiredError); a provider that cannot answer is its
 * 529 `overloaded_error`, which the SDK retries; an idempotency conflict is a 409.
 */
const SHAPES: Record<ErrorCode, { status: number; type: AnthropicErrorType }> = {
  UNAUTHENTICATED: { status: 401, type: 'authentication_error' },
  FORBIDDEN: { status: 403, type: 'permission_error' },
  BAD_USER_INPUT: { status: 400, type: 'invalid_request_error' },
  NOT_FOUND: { status: 404, type: 'not_found_error' },
  INSUFFICIENT_CREDITS: { status: 402, type: 'billing_error' },
  RATE_LIMITED: { status: 429, type: 'rate_limit_error' },
  MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error' },
  TIER_LIMIT_EXCEEDED: { status: 403, type: 'permission_error' },
  PROVIDER_UNAVAILABLE: { status: 529, type: 'overloaded_error' },
  IDEMPOTENCY_CONFLICT: { status: 409, type: 'invalid_request_error' },
  PAYMENTS_UNAVAILABLE: { status: 503, type: 'api_error' },
  INTERNAL_SERVER_ERROR: { status: 500, type: 'api_error' },
};

export const anthropicError = (type: AnthropicErrorType, message: string): AnthropicErrorBody => ({ type: 'error', error: { type, message } });

/** The body (and status) of anything thrown, with the /v1 headers (Retry-After, x-should-retry). */
export function toAnthropicError(res: express.Response, err: unknown, log: Logger): { status: number; body: AnthropicErrorBody } {
  const pub = v1ErrorOf(res, err, log);
  const shape = SHAPES[pub.code];
  return { status: shape.status, body: anthropicError(shape.type, pub.message) };
}

export function sendAnthropicError(res: express.Response, err: unknown, log: Logger): void {
  const { status, body } = toAnthropicError(res, err, log);
  res.status(status).json(body);
}

/** After the router: errors passed on, including the JSON parser's (malformed, too large), which runs before it. */
export function anthropicErrorHandler(log: Logger): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const bad = bodyErrorOf(err);
    if (!bad) return sendAnthropicError(res, err, log);
    res.status(bad.status).json(anthropicError(bad.status === 413 ? 'request_too_large' : 'invalid_request_error', bad.message));
  };
}

/** Anything under /v1/messages that is not an endpoint here (`count_tokens`, batches). */
export const unknownAnthropicEndpoint: express.RequestHandler = (req, res) => {
  res.status(404).json(anthropicError('not_found_error', `Unknown request URL: ${req.method} ${req.originalUrl.split('?')[0]}`));
};
