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
 * may echo part of a key, since the gateway shows it to the user. The SDK error stays as `cause`.
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
  result.cause = err;
  return result;
}
