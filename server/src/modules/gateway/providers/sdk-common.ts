import { ProviderError } from './provider.js';

/** What the SDK-backed providers share: defaults and the mapping of SDK errors to ProviderError. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Few: the gateway has a fallback chain, and each SDK retry waits out a backoff first. */
export const DEFAULT_MAX_RETRIES = 1;

/** The error classes both official SDKs (openai, @anthropic-ai/sdk) export under the same names. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined };
  APIUserAbortError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

/**
 * HTTP statuses worth the next provider in the fallback chain: a timeout (408), rate limiting (429)
 * and the provider's own failures (5xx, Anthropic's 529 "overloaded" included). Any other 4xx is
 * our request or our key (400/401/403/404/422…) and would fail the same way again.
 */
export function transientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Turns whatever an SDK call threw (after the SDK's own retries) into a ProviderError. The
 * message names the failure only (status, timeout, connection): never the upstream body, which
 * may echo part of a key, since the gateway shows it to the user. A scrubbed copy of the SDK error
 * stays as `cause`, for the log.
 */
export function toProviderError(provider: string, err: unknown, sdk: SdkErrorClasses, signal?: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  let result: ProviderError;
  if (signal?.aborted || err instanceof sdk.APIUserAbortError) {
    // The caller gave up: nobody is waiting for a fallback.
    result = new ProviderError(provider, `${provider} request was aborted`, false);
  } else if (err instanceof sdk.APIConnectionTimeoutError) {
    result = new ProviderError(provider, `${provider} timed out`, true);
  } else if (err instanceof sdk.APIConnectionError) {
    result = new ProviderError(provider, `${provider} could not be reached`, true);
  } else if (err instanceof sdk.APIError && typeof err.status === 'number') {
    result = new ProviderError(provider, `${provider} answered HTTP ${err.status}`, transientStatus(err.status));
  } else {
    result = new ProviderError(provider, `${provider} call failed`, false);
  }
  result.cause = sdkFailure(err, sdk);
  return result;
}

const IDENTIFIER = /^[a-z][a-z0-9_.]{0,63}$/;
const identifier = (value: unknown) => (typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined);

/**
 * What the SDK error said, without what the provider sent: an APIError's message, `error` and
 * `headers` hold the upstream body, which may echo the caller's key (a BYOK key refused, a proxy
 * that quotes the Authorization header). Kept: the class, the status, the error's type and code
 * when they are plain identifiers (`invalid_api_key`, `authentication_error`), the request id,
 * the stack frames, and the cause of a connection error (ECONNREFUSED and the like).
 */
export function sdkFailure(err: unknown, sdk: SdkErrorClasses): Error {
  if (!(err instanceof Error)) return new Error(`non-error thrown: ${typeof err}`);
  const failure = new Error(err.message);
  failure.name = err.name;
  if (err instanceof sdk.APIError) {
    const api = err as Error & { status?: number; error?: any; requestID?: string | null };
    const body = api.error?.type === 'error' ? api.error?.error : api.error; // Anthropic nests { type: 'error', error: { type } }
    const kind = [...new Set([identifier(body?.type), identifier(body?.code)].filter(Boolean))].join('/');
    const requestId = typeof api.requestID === 'string' && /^[\w.:-]{1,128}$/.test(api.requestID) ? api.requestID : null;
    // pino logs a cause by its message, so what is worth knowing goes there.
    failure.message = [`HTTP ${api.status ?? '(no status)'}`, kind, requestId && `request ${requestId}`, '(body not logged)'].filter(Boolean).join(' ');
  } else if (err.cause instanceof Error) {
    const code = (err.cause as NodeJS.ErrnoException).code;
    failure.cause = Object.assign(new Error(code ?? err.cause.name), { code });
  }
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  failure.stack = [`${failure.name}: ${failure.message}`, ...frames].join('\n');
  return failure;
}
