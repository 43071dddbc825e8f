/**
 * OpenRouter's key-management API and model list, over fetch (docs/decisions/0053). The paths and
 * fields are OpenRouter's own: `POST/GET /keys`, `GET/PATCH/DELETE /keys/{hash}` with the
 * provisioning (management) key as a Bearer token, answers wrapped in `{ data }` (create adds the
 * key itself as `key`, shown once); `GET /models` is public.
 */

/** A key as the management API describes it (the fields Tollgate reads). */
export interface RemoteKey {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  /** USD, null for no limit. */
  limit: number | null;
  /** USD spent through the key so far. */
  usage: number;
}

/** One entry of `GET /models`: prices are USD per token as decimal strings. */
export interface RemoteModel {
  id: string;
  name?: string;
  context_length?: number;
  pricing?: { prompt?: string; completion?: string; input_cache_read?: string };
}

/** OpenRouter answered with an error, or could not be reached. Never carries a key. */
export class OpenRouterApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpenRouterApiError';
  }
}

export interface OpenRouterClientOptions {
  /** `https://openrouter.ai/api/v1` or OPENROUTER_BASE_URL (the same base the chat calls use). */
  baseUrl: string;
  provisioningKey: string;
  timeoutMs?: number;
}

export class OpenRouterClient {
  private readonly base: string;

  constructor(private readonly options: OpenRouterClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async createKey(input: { name: string; limit: number | null }): Promise<{ data: RemoteKey; key: string }> {
    const body = await this.call('POST', '/keys', { name: input.name, limit: input.limit, include_byok_in_limit: false });
    if (typeof body?.key !== 'string' || typeof body?.data?.hash !== 'string')
      throw new OpenRouterApiError(502, 'OpenRouter created a key but did not return it');
    return { data: toKey(body.data), key: body.key };
  }

  async getKey(hash: string): Promise<RemoteKey> {
    return toKey((await this.call('GET', `/keys/${encodeURIComponent(hash)}`)).data);
  }

  async updateKey(hash: string, patch: { name?: string; disabled?: boolean; limit?: number | null }): Promise<RemoteKey> {
    return toKey((await this.call('PATCH', `/keys/${encodeURIComponent(hash)}`, patch)).data);
  }

  async deleteKey(hash: string): Promise<void> {
    await this.call('DELETE', `/keys/${encodeURIComponent(hash)}`);
  }

  async listKeys(offset = 0): Promise<RemoteKey[]> {
    const body = await this.call('GET', `/keys?offset=${offset}`);
    return Array.isArray(body?.data) ? body.data.map(toKey) : [];
  }

  /** The public model list: no key sent. */
  async models(): Promise<RemoteModel[]> {
    const body = await this.call('GET', '/models', undefined, false);
    if (!Array.isArray(body?.data)) throw new OpenRouterApiError(502, 'OpenRouter sent no model list');
    return body.data.filter((m: unknown): m is RemoteModel => !!m && typeof (m as RemoteModel).id === 'string');
  }

  private async call(method: string, path: string, body?: unknown, auth = true): Promise<any> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) headers.authorization = `Bearer ${this.options.provisioningKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new OpenRouterApiError(0, `OpenRouter could not be reached: ${(err as Error).name}`);
    }
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* reported below when the status is an error */
    }
    if (!res.ok) {
      const message = typeof json?.error?.message === 'string' ? json.error.message.slice(0, 200) : `HTTP ${res.status}`;
      throw new OpenRouterApiError(res.status, `OpenRouter ${method} ${path.split('?')[0]} failed: ${message}`);
    }
    return json;
  }
}

function toKey(d: any): RemoteKey {
  if (!d || typeof d.hash !== 'string') throw new OpenRouterApiError(502, 'OpenRouter sent a key without its hash');
  return {
    hash: d.hash,
    name: String(d.name ?? ''),
    label: String(d.label ?? ''),
    disabled: d.disabled === true,
    limit: typeof d.limit === 'number' ? d.limit : null,
    usage: typeof d.usage === 'number' ? d.usage : 0,
  };
}
