import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { FakeOpenAi } from '../modules/gateway/__tests__/fakes/fake-openai.js';

/** One key as the fake holds it: usage in nano-dollars (exact), the limit as OpenRouter's USD number. */
export interface FakeKey {
  hash: string;
  key: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  includeByokInLimit: boolean;
  usageNano: bigint;
  createdAt: string;
  updatedAt: string | null;
}

/** A model of `GET /api/v1/models`: prices are USD per token as decimal strings, as OpenRouter sends them. */
export interface FakeModel {
  id: string;
  name: string;
  context_length: number;
  pricing: { prompt: string; completion: string; request?: string; image?: string; input_cache_read?: string };
}

/** A decimal string (no exponent) → nano-dollars, rounded down: the fake's own arithmetic, independent of Tollgate's. */
function nano(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole || '0') * 1_000_000_000n + BigInt((fraction + '000000000').slice(0, 9));
}
const usd = (n: bigint) => Number(`${n / 1_000_000_000n}.${(n % 1_000_000_000n).toString().padStart(9, '0')}`);

/**
 * OpenRouter on 127.0.0.1 in its wire format, for the key-management client and the real `openai`
 * SDK: `POST/GET /api/v1/keys`, `GET/PATCH/DELETE /api/v1/keys/{hash}` (provisioning key as Bearer,
 * answers in `{ data }`, create adds `key`), `GET /api/v1/key` (the calling key), `GET /api/v1/models`,
 * and `POST /api/v1/chat/completions` (FakeOpenAi's answer) which records the key used, charges the
 * model's price to a managed key's usage, and refuses a disabled key (401) or one whose usage has
 * reached its limit (402, as OpenRouter does). OPENROUTER_BASE_URL = `fake.baseURL`.
 */
export class FakeOpenRouter extends FakeOpenAi {
  readonly keys = new Map<string, FakeKey>();
  /** The Bearer of every chat call, in order. */
  readonly chatKeys: string[] = [];
  /** How many keys were created (the once-per-user check). */
  creates = 0;
  /** Holds each key creation this long, so concurrent first calls overlap. */
  createDelayMs = 0;
  models: FakeModel[] = [];
  /** Answer the next this many model-list requests with a 500. */
  failModels = 0;

  constructor(readonly provisioningKey = `sk-or-v1-prov-${randomBytes(8).toString('hex')}`) {
    super();
  }

  static override start(): Promise<FakeOpenRouter> {
    return new FakeOpenRouter().start();
  }

  /**
   * OpenRouter's model list is public (no key), but the shared fake base refuses every request
   * without one before routing: this one route is answered ahead of it, on the same server.
   */
  override async start(): Promise<this> {
    await super.start();
    const server = (this as unknown as { server: Server }).server;
    const [base] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/api/v1/models') return base!(req, res);
      this.requests.push({ method: 'GET', path: '/api/v1/models', headers: req.headers, body: null });
      req.resume();
      if (this.failModels > 0) return ((this.failModels -= 1), this.json(res, 500, this.errorBody(500, 'scripted failure')));
      this.json(res, 200, { data: this.models });
    });
    return this;
  }

  override get baseURL(): string {
    return `${this.origin}/api/v1`;
  }

  keyNamed(name: string): FakeKey | undefined {
    return [...this.keys.values()].find((k) => k.name === name);
  }

  protected override async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<boolean> {
    const bearer = /^Bearer\s+(.+)$/i.exec(res.req.headers.authorization ?? '')?.[1]?.trim() ?? '';
    if (method === 'GET' && path === '/api/v1/models') return (this.json(res, 200, { data: this.models }), true);
    if (path === '/api/v1/keys' || path.startsWith('/api/v1/keys/')) {
      if (bearer !== this.provisioningKey) return (this.json(res, 401, this.errorBody(401, 'Only a provisioning key can manage keys')), true);
      await this.manage(method, decodeURIComponent(path.slice('/api/v1/keys/'.length)), path === '/api/v1/keys', body, res);
      return true;
    }
    const own = [...this.keys.values()].find((k) => k.key === bearer);
    if (method === 'GET' && path === '/api/v1/key') {
      if (!own) return (this.json(res, 401, this.errorBody(401, 'No key')), true);
      const { hash: _h, name: _n, disabled: _d, created_at: _c, updated_at: _u, ...current } = this.view(own);
      return (this.json(res, 200, { data: { ...current, is_free_tier: false, is_provisioning_key: false } }), true);
    }
    if (method !== 'POST' || path !== '/api/v1/chat/completions') return false;
    if (bearer === this.provisioningKey) return (this.json(res, 401, this.errorBody(401, 'Provisioning keys cannot call models')), true);
    this.chatKeys.push(bearer);
    if (own?.disabled) return (this.json(res, 401, this.errorBody(401, 'This API key is disabled')), true);
    if (own && own.limit !== null && own.usageNano >= nano(String(own.limit))) {
      return (this.json(res, 402, { error: { code: 402, message: 'Key limit exceeded', metadata: { limit_source: 'openrouter_key_limit' } } }), true);
    }
    const written = capture(res);
    await super.route(method, '/v1/chat/completions', body, res);
    const usage = [...written.join('').matchAll(/"prompt_tokens":(\d+),"completion_tokens":(\d+)/g)].at(-1);
    const model = this.models.find((m) => m.id === (body as { model?: string })?.model);
    if (own && usage && model) {
      own.usageNano += BigInt(usage[1]!) * nano(model.pricing.prompt) + BigInt(usage[2]!) * nano(model.pricing.completion);
    }
    return true;
  }

  private async manage(method: string, hash: string, collection: boolean, body: any, res: ServerResponse): Promise<void> {
    if (collection && method === 'POST') {
      if (typeof body?.name !== 'string' || !body.name) return this.json(res, 400, this.errorBody(400, 'name is required'));
      await new Promise((resolve) => setTimeout(resolve, this.createDelayMs));
      const key = `sk-or-v1-${randomBytes(32).toString('hex')}`;
      const k: FakeKey = {
        hash: createHash('sha256').update(key).digest('hex'),
        key,
        name: body.name,
        label: `${key.slice(0, 12)}...${key.slice(-3)}`,
        disabled: false,
        limit: typeof body.limit === 'number' ? body.limit : null,
        includeByokInLimit: body.include_byok_in_limit === true,
        usageNano: 0n,
        createdAt: new Date().toISOString(),
        updatedAt: null,
      };
      this.creates += 1;
      this.keys.set(k.hash, k);
      return this.json(res, 201, { data: this.view(k), key });
    }
    if (collection && method === 'GET') return this.json(res, 200, { data: [...this.keys.values()].map((k) => this.view(k)) });
    const k = this.keys.get(hash);
    if (collection || !k) return this.json(res, 404, this.errorBody(404, 'Key not found'));
    if (method === 'GET') return this.json(res, 200, { data: this.view(k) });
    if (method === 'DELETE') return (this.keys.delete(hash), this.json(res, 200, { deleted: true }));
    if (method !== 'PATCH') return this.json(res, 405, this.errorBody(405, 'Method not allowed'));
    if (typeof body?.name === 'string') k.name = body.name;
    if (typeof body?.disabled === 'boolean') k.disabled = body.disabled;
    if (body && 'limit' in body) k.limit = typeof body.limit === 'number' ? body.limit : null;
    k.updatedAt = new Date().toISOString();
    return this.json(res, 200, { data: this.view(k) });
  }

  private view(k: FakeKey) {
    const usage = usd(k.usageNano);
    const remaining = k.limit === null ? null : Math.max(0, usd(nano(String(k.limit)) - k.usageNano));
    return {
      hash: k.hash,
      name: k.name,
      label: k.label,
      disabled: k.disabled,
      limit: k.limit,
      limit_remaining: remaining,
      limit_reset: null,
      include_byok_in_limit: k.includeByokInLimit,
      usage,
      usage_daily: usage,
      usage_weekly: usage,
      usage_monthly: usage,
      byok_usage: 0,
      created_at: k.createdAt,
      updated_at: k.updatedAt,
    };
  }

  protected override errorBody(status: number, message: string): unknown {
    return { error: { code: status, message } };
  }
}

/** Copies of what is written to `res`, to read the usage the OpenAI answer reported. */
function capture(res: ServerResponse): string[] {
  const written: string[] = [];
  const write = res.write.bind(res) as (...args: any[]) => boolean;
  const end = res.end.bind(res) as (...args: any[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: any[]) => (written.push(String(chunk)), write(chunk, ...rest))) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: any[]) => {
    if (chunk !== undefined && typeof chunk !== 'function') written.push(String(chunk));
    return end(chunk, ...rest);
  }) as typeof res.end;
  return written;
}
