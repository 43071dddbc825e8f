import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (`any`, for assertions). */
  body: any;
}

/** What a fake answers; every field may be changed between (or during) tests. */
export interface FakeScript<U> {
  /** The reply text; null echoes the last user message. */
  reply: string | null;
  /** Overrides of the usage the fake computes (its own wire names). */
  usage: Partial<U>;
  /** Wait this long before answering (a client timeout or abort cuts it short). */
  delayMs: number;
  /** Between streamed chunks. */
  chunkDelayMs: number;
  /** When set, only this key is accepted (else any non-empty key); a wrong one gets 401. */
  apiKey: string | null;
  /** Sent on scripted failures so SDK retries do not wait out a backoff; null sends none. */
  retryAfterMs: number | null;
}

export interface MessageLike {
  role: string;
  content: unknown;
}

/** A message's text, whether sent as a string or as content parts (`{ type: 'text', text }`). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('');
  return '';
}

/** A rough, deterministic token count (≈ 4 characters a token). */
export const roughTokens = (text: string) => Math.ceil(text.length / 4);

/** Cut `text` to about `maxTokens` tokens, as a provider stops at max_tokens. */
export function cutToTokens(text: string, maxTokens: number | undefined): { text: string; cut: boolean } {
  if (!maxTokens || roughTokens(text) <= maxTokens) return { text, cut: false };
  return { text: text.slice(0, maxTokens * 4), cut: true };
}

/** Split a reply into a few stream pieces (words with their spaces). */
export const pieces = (text: string) => text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);

const sleep = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A local HTTP server (127.0.0.1, a free port) that a real SDK talks to: records every request,
 * checks the key, and plays the scripted delay and failures before the protocol's own answer.
 */
export abstract class FakeProviderServer<U> {
  readonly requests: RecordedRequest[] = [];
  script: FakeScript<U> = FakeProviderServer.defaults<U>();
  private failures: { remaining: number; status: number; message: string } = { remaining: 0, status: 500, message: '' };
  private server: Server | null = null;
  private port = 0;
  protected counter = 0;

  private static defaults<U>(): FakeScript<U> {
    return { reply: null, usage: {}, delayMs: 0, chunkDelayMs: 0, apiKey: null, retryAfterMs: 1 };
  }

  /** `http://127.0.0.1:PORT` (no path). */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Answer the next `count` requests with `status` and the protocol's error body. */
  failNext(count: number, status: number, message = `scripted failure ${status}`): this {
    this.failures = { remaining: count, status, message };
    return this;
  }

  /** Change part of the script. */
  set(script: Partial<FakeScript<U>>): this {
    this.script = { ...this.script, ...script };
    return this;
  }

  /** Back to the default script, no failures, no recorded requests. */
  reset(): void {
    this.script = FakeProviderServer.defaults<U>();
    this.failures.remaining = 0;
    this.requests.length = 0;
  }

  /** The last user message of a request, the default reply. */
  protected replyFor(messages: MessageLike[] | undefined): string {
    if (this.script.reply !== null) return this.script.reply;
    const user = [...(messages ?? [])].reverse().find((m) => m.role === 'user');
    return user ? textOf(user.content) : '';
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) this.json(res, 500, this.errorBody(500, String(err)));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return this.json(res, 400, this.errorBody(400, 'body is not JSON'));
    }
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    await sleep(this.script.delayMs, res);
    if (res.destroyed) return;
    const key = this.keyOf(req.headers);
    if (!key || (this.script.apiKey !== null && key !== this.script.apiKey)) {
      return this.json(res, 401, this.errorBody(401, 'invalid api key'));
    }
    if (this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      const headers: Record<string, string> = this.script.retryAfterMs === null ? {} : { 'retry-after-ms': String(this.script.retryAfterMs) };
      return this.json(res, this.failures.status, this.errorBody(this.failures.status, this.failures.message), headers);
    }
    if (!(await this.route(req.method ?? 'GET', path, body, res))) {
      this.json(res, 404, this.errorBody(404, `no route ${req.method} ${path}`));
    }
  }

  /** `Authorization: Bearer <key>` or `x-api-key: <key>`. */
  private keyOf(headers: IncomingHttpHeaders): string | null {
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
    const apiKey = headers['x-api-key'];
    return bearer || (typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : null);
  }

  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...this.responseHeaders(), ...headers });
    res.end(JSON.stringify(body));
  }

  /** Writes server-sent events, `chunkDelayMs` apart; stops when the client goes away. */
  protected async sse(res: ServerResponse, events: Array<{ event?: string; data: unknown }>): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...this.responseHeaders() });
    for (const [i, e] of events.entries()) {
      if (i > 0) await sleep(this.script.chunkDelayMs, res);
      if (res.destroyed) return;
      const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
      res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${data}\n\n`);
    }
    res.end();
  }

  /** Answer a request the fake knows; false for an unknown route (404). */
  protected abstract route(method: string, path: string, body: unknown, res: ServerResponse): Promise<boolean>;
  /** The protocol's error body. */
  protected abstract errorBody(status: number, message: string): unknown;
  /** Headers on every answer (request ids). */
  protected abstract responseHeaders(): Record<string, string>;
}
