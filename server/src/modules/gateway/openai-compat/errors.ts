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
  /** `x-should-retry: false` tells the official SDKs not to retry what cannot succeed on a retry. */
  retry?: false;
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
  IDEMPOTENCY_CONFLICT: { status: 409, type: 'invalid_request_error', code: 'idempotency_conflict', retry: false },
  PAYMENTS_UNAVAILABLE: { status: 503, type: 'server_error', code: 'payments_unavailable', retry: false },
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

/**
 * Answers anything thrown in OpenAI's error shape. Domain errors keep their message; anything else
 * is logged and answered with a bare 500: no stack, no SQL, no secret.
 */
export function sendOpenAiError(res: express.Response, err: unknown, log: Logger): void {
  const pub = toPublicError(err, (e) => log.error({ err: e }, 'unexpected error on the OpenAI-compatible endpoint'));
  const shape = SHAPES[pub.code];
  const field = typeof pub.extensions.field === 'string' ? pub.extensions.field : null;
  const param = field ? (PARAMS[field] ?? field) : null;
  let code = shape.code;
  // A model that does not exist, or that this caller cannot see, is OpenAI's `model_not_found`.
  if (pub.code === 'NOT_FOUND' && /^Model /.test(pub.message)) code = 'model_not_found';
  const retryAfter = pub.extensions.retryAfterSeconds;
  if (pub.code === 'RATE_LIMITED' && typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
  if (shape.retry === false) res.setHeader('x-should-retry', 'false');
  const body: OpenAiErrorBody = { error: { message: pub.message, type: shape.type, param, code } };
  res.status(shape.status).json(body);
}

/**
 * The last middleware of the router: errors passed to `next(err)`, including body-parser's (a
 * malformed JSON body, a body too large) which run before any route here.
 */
export function openAiErrorHandler(log: Logger): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (!(err instanceof DomainError) && status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'Request body is too large'
          : err?.type === 'entity.parse.failed'
            ? 'We could not parse the JSON body of your request'
            : 'Malformed request';
      const body: OpenAiErrorBody = {
        error: { message, type: 'invalid_request_error', param: null, code: status === 413 ? 'request_too_large' : 'invalid_json' },
      };
      return void res.status(status).json(body);
    }
    sendOpenAiError(res, err, log);
  };
}

/** Anything under the mount point that is not an endpoint here. */
export const unknownEndpoint: express.RequestHandler = (req, res) => {
  const body: OpenAiErrorBody = {
    error: { message: `Unknown request URL: ${req.method} ${req.originalUrl.split('?')[0]}`, type: 'invalid_request_error', param: null, code: 'unknown_url' },
  };
  res.status(404).json(body);
};
