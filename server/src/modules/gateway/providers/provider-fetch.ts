import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

/**
 * The `fetch` the provider SDKs are given: one request on undici's `request` over a keep-alive pool,
 * instead of the global WHATWG `fetch`. Both are undici underneath, but `fetch` turns every body into
 * a web stream written chunk by chunk (a socket write for the head, another for the body), and runs
 * the spec's request/response machinery (Request objects, web streams, AbortSignal plumbing) per
 * call: about a fifth of the server's CPU per completion under load (docs/decisions/0045-completion-cpu.md).
 * Here the body is a string sent with the head in one write, and the answer is read as a Node stream.
 *
 * Only what the SDKs use is implemented; anything else (a streamed or form body) goes to the real `fetch`.
 * Failures look like `fetch`'s: an aborted call rejects with its signal's reason, a network error is
 * `TypeError('fetch failed', { cause })`, so the SDKs classify them (abort, timeout, connection) as before.
 * Redirects are not followed (`fetch` would): provider APIs answer a POST directly.
 */
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });

export const providerFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
  const body = init.body;
  if (
    (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) ||
    (typeof input === 'object' && !(input instanceof URL))
  ) {
    return fetch(input, init);
  }
  const url = String(input);
  const signal = init.signal ?? undefined;
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(url, {
      method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers: plainHeaders(init.headers),
      body: body ?? undefined,
      signal,
      dispatcher,
    });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new TypeError('fetch failed', { cause: err });
  }
  return new ProviderResponse(url, answer) as unknown as Response;
};

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [name, value] of headers) out[name.toLowerCase()] = value;
  } else {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

/**
 * The part of a `Response` the SDKs read: status, headers, `json()`/`text()` for an answer, `body`
 * (a web stream) for server-sent events and for cancelling. The Node body stream becomes a web
 * stream only when `body` is asked for; reading it whole skips that.
 */
class ProviderResponse {
  readonly status: number;
  readonly statusText = '';
  readonly headers: Headers;
  readonly redirected = false;
  readonly type = 'basic';
  private web: ReadableStream<Uint8Array> | null | undefined;
  private used = false;

  constructor(
    readonly url: string,
    private readonly answer: Dispatcher.ResponseData,
  ) {
    this.status = answer.statusCode;
    this.headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) this.headers.append(name, v);
      else if (value !== undefined) this.headers.append(name, value);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.web === undefined) this.web = this.used ? null : (Readable.toWeb(this.answer.body) as ReadableStream<Uint8Array>);
    return this.web;
  }

  async text(): Promise<string> {
    if (this.web) return new Response(this.web).text();
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.answer.body.text();
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.web) return new Response(this.web).arrayBuffer();
    this.used = true;
    return this.answer.body.arrayBuffer();
  }
}
