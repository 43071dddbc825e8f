import type express from 'express';
import { DomainError, toPublicError, type ErrorCode } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';

/** OpenAI's error body: what the official SDKs parse into their typed errors. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

interface Shape {
  status: number;
  type: string;
  code: string | null;
}

/** Contract code → HTTP status and OpenAI error type/code. */
const SHAPES: Record<ErrorCode, Shape> = {
  UNAUTHENTICATED: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  FORBIDDEN: { status: 403, type: 'permission_error', code: 'forbidden' },
  BAD_USER_INPUT: { status: 400, type: 'invalid_request_error', code: 'invalid_value' },
  NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'not_found' },
  INSUFFICIENT_CREDITS: { status: 402, type: 'insufficient_quota', code: 'insufficient_quota' },
  RATE_LIMITED: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error', code: 'model_not_allowed' },
  TIER_LIMIT_EXCEEDED: { status: 403, type: 'permission_error', code: 'tier_limit_exceeded' },
  PROVIDER_UNAVAILABLE: { status: 503, type: 'server_error', code: 'provider_unavailable' },
  IDEMPOTENCY_CONFLICT: { status: 409, type: 'invalid_request_error', code: 'idempotency_conflict' },
  PAYMENTS_UNAVAILABLE: { status: 503, type: 'server_error', code: 'payments_unavailable' },
  INTERNAL_SERVER_ERROR: { status: 500, type: 'server_error', code: null },
};

/** Gateway field names → the OpenAI request's names, for `param`. */
const PARAMS: Record<string, string> = {
  prompt: 'messages',
  maxTokens: 'max_tokens',
  idempotencyKey: 'Idempotency-Key',
};

/** A request refused before it reaches the gateway, in the same terms as a DomainError. */
export class OpenAiRequestError extends DomainError {}

/** The public face of anything thrown on a /v1 endpoint (what every API's error body is made from). */
export type V1Error = ReturnType<typeof toPublicError>;

/** Codes a retry cannot fix: `x-should-retry: false` tells the official SDKs not to try. */
const NO_RETRY: ReadonlySet<ErrorCode> = new Set(['IDEMPOTENCY_CONFLICT', 'PAYMENTS_UNAVAILABLE']);

/**
 * What any /v1 API answers for a thrown error, with the headers they share: `Retry-After` on a rate
 * limit, `x-should-retry: false` where a retry cannot succeed. Domain errors keep their message;
 * anything else is logged and becomes a bare internal error: no stack, no SQL, no secret.
 */
export function v1ErrorOf(res: express.Response, err: unknown, log: Logger): V1Error {
  const pub = toPublicError(err, (e) => log.error({ err: e }, 'unexpected error on a /v1 endpoint'));
  // Mid-stream (an error event) the headers have gone out already.
  if (res.headersSent) return pub;
  const retryAfter = pub.extensions.retryAfterSeconds;
  if (pub.code === 'RATE_LIMITED' && typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
  if (NO_RETRY.has(pub.code)) res.setHeader('x-should-retry', 'false');
  return pub;
}

/** Answers anything thrown in OpenAI's error shape, `param` naming the request's own field. */
export function sendOpenAiError(res: express.Response, err: unknown, log: Logger): void {
  const pub = v1ErrorOf(res, err, log);
  const shape = SHAPES[pub.code];
  const field = typeof pub.extensions.field === 'string' ? pub.extensions.field : null;
  const param = field ? (PARAMS[field] ?? field) : null;
  let code = shape.code;
  // A model that does not exist, or that this caller cannot see, is OpenAI's `model_not_found`.
  if (pub.code === 'NOT_FOUND' && /^Model /.test(pub.message)) code = 'model_not_found';
  const body: OpenAiErrorBody = { error: { message: pub.message, type: shape.type, param, code } };
  res.status(shape.status).json(body);
}

/**
 * A request body refused by Express's JSON parser (malformed, too large), which runs before any
 * /v1 route; null for anything else.
 */
export function bodyErrorOf(err: any): { status: number; message: string; code: 'request_too_large' | 'invalid_json' } | null {
  const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
  if (err instanceof DomainError || status < 400 || status >= 500) return null;
  if (status === 413) return { status, message: 'Request body is too large', code: 'request_too_large' };
  return {
    status,
    message: err?.type === 'entity.parse.failed' ? 'We could not parse the JSON body of your request' : 'Malformed request',
    code: 'invalid_json',
  };
}

/**
 * The last middleware of the router: errors passed to `next(err)`, including body-parser's (a
 * malformed JSON body, a body too large) which run before any route here.
 */
export function openAiErrorHandler(log: Logger): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const bad = bodyErrorOf(err);
    if (!bad) return sendOpenAiError(res, err, log);
    const body: OpenAiErrorBody = { error: { message: bad.message, type: 'invalid_request_error', param: null, code: bad.code } };
    res.status(bad.status).json(body);
  };
}

/** Anything under the mount point that is not an endpoint here. */
export const unknownEndpoint: express.RequestHandler = (req, res) => {
  const body: OpenAiErrorBody = {
    error: { message: `Unknown request URL: ${req.method} ${req.originalUrl.split('?')[0]}`, type: 'invalid_request_error', param: null, code: 'unknown_url' },
  };
  res.status(404).json(body);
};
