import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { providerFetch } from './provider-fetch.js';

/**
 * The first attempt of a non-streamed Chat Completions call, posted directly over provider-fetch
 * instead of through the openai SDK: the SDK builds a header set, platform headers, debug-log
 * arguments and its promise wrappers per call, about a sixth of the server's CPU per completion
 * (docs/decisions/0054-completion-cpu-levers.md). The wire is the same: the JSON body, the bearer key.
 *
 * What the SDK would do on failure is kept, in its own terms, so `toProviderError` classifies it
 * as before: a final failure is thrown as the SDK's own error (APIError.generate for a status,
 * APIConnectionTimeoutError, APIConnectionError, APIUserAbortError); a failure the SDK would
 * retry (408/409/429/5xx, `x-should-retry`, a connection error or timeout) answers `retry` with the
 * wait the SDK would take, and the caller hands the remaining retries to the SDK itself.
 */
export type DirectOutcome = { completion: OpenAI.Chat.ChatCompletion } | { retryAfterMs: number };

export interface DirectTarget {
  /** `${baseURL}/chat/completions`, joined as the SDK joins it. */
  url: string;
  apiKey: string;
  timeoutMs: number;
  /** 0: a failure is final (no `retry` outcome). */
  maxRetries: number;
}

export const chatCompletionsUrl = (baseURL: string) => `${baseURL.endsWith('/') ? baseURL.slice(0, -1) : baseURL}/chat/completions`;

const USER_AGENT = `OpenAI/JS ${VERSION}`;

export async function postChatCompletion(target: DirectTarget, body: object, signal?: AbortSignal): Promise<DirectOutcome> {
  if (signal?.aborted) throw new OpenAI.APIUserAbortError();
  // As the SDK: one controller aborted by the caller's signal or by the timeout (which covers the
  // answer's head only); the caller's abort still cancels reading the body.
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(abort, target.timeoutMs);
  try {
    let response: Response;
    try {
      response = await providerFetch(target.url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: `Bearer ${target.apiKey}` },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (err) {
      clearTimeout(timer);
      return connectionFailure(err, target, signal);
    }
    clearTimeout(timer);
    if (response.ok) return { completion: (await parseAnswer(response)) as OpenAI.Chat.ChatCompletion };
    if (target.maxRetries > 0 && shouldRetry(response)) {
      await response.text().catch(() => ''); // drained, so the connection is reused
      return { retryAfterMs: retryDelayMs(response.headers) };
    }
    const text = await response.text().catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    const json = safeJson(text);
    throw OpenAI.APIError.generate(response.status, json as object, json ? undefined : text, response.headers);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

/** The SDK's reading of a network failure (makeRequest): abort, timeout, else a connection error. */
function connectionFailure(err: unknown, target: DirectTarget, signal?: AbortSignal): DirectOutcome {
  if (signal?.aborted) throw new OpenAI.APIUserAbortError();
  const error = err instanceof Error ? err : new Error(String(err));
  if (target.maxRetries > 0) return { retryAfterMs: retryDelayMs(undefined) };
  const timedOut = error.name === 'AbortError' || /timed? ?out/i.test(String(error) + ('cause' in error ? String(error.cause) : ''));
  if (timedOut) throw new OpenAI.APIConnectionTimeoutError();
  throw new OpenAI.APIConnectionError({ cause: error });
}

/** The SDK's rule (shouldRetry): the server's `x-should-retry` first, then 408, 409, 429 and 5xx. */
function shouldRetry(response: Response): boolean {
  const header = response.headers.get('x-should-retry');
  if (header === 'true') return true;
  if (header === 'false') return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

/** The SDK's wait before its first retry (retryRequest): `retry-after-ms`, `retry-after` (under a minute), else 0.5 s less up to 25% jitter. */
export function retryDelayMs(headers: Headers | undefined): number {
  let wait: number | undefined;
  const ms = parseFloat(headers?.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) wait = ms;
  const after = headers?.get('retry-after');
  if (after && !wait) {
    const seconds = parseFloat(after);
    wait = Number.isNaN(seconds) ? Date.parse(after) - Date.now() : seconds * 1000;
  }
  // As the SDK: a wait the server asks for is taken only when reasonable (0 to 60 s), else the default.
  return wait !== undefined && wait >= 0 && wait < 60_000 ? wait : 500 * (1 - Math.random() * 0.25);
}

/** The SDK's parsing of a 2xx (defaultParseResponse): JSON by content type, else the text. */
async function parseAnswer(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
  if (mediaType?.includes('application/json') || mediaType?.endsWith('+json')) {
    if (response.headers.get('content-length') === '0') return undefined;
    return response.json();
  }
  return response.text();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
