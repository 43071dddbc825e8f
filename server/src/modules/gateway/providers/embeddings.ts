import OpenAI from 'openai';
import { tokenIds } from '@tollgate/shared';
import { providerFetch } from './provider-fetch.js';
import { DEFAULT_BASE_URLS, type ProviderEnv, type ProviderOptions } from './registry.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, toProviderError } from './sdk-common.js';
import { ProviderError } from './provider.js';

/** One input of an embeddings request: text, or the token ids of a text (OpenAI's token-array form). */
export type EmbeddingInput = string | number[];

export interface EmbeddingRequest {
  /** The provider's own model name. */
  model: string;
  inputs: EmbeddingInput[];
  /** Null: the model's default size. */
  dimensions: number | null;
}

export interface EmbeddingResponse {
  /** One vector per input, in input order. */
  vectors: Float32Array[];
  /** The provider's prompt_tokens, or null when it reported none. */
  inputTokens: number | null;
}

/** A provider that turns text into vectors. Throws ProviderError on failure. */
export interface EmbeddingProvider {
  readonly name: string;
  /** False when the provider has no key configured: the request answers PROVIDER_UNAVAILABLE and charges nothing. */
  readonly available: boolean;
  embed(request: EmbeddingRequest, signal?: AbortSignal): Promise<EmbeddingResponse>;
}

export interface EmbeddingProviders {
  platform(name: string): EmbeddingProvider | undefined;
  /** The same provider on the user's own key (BYOK); undefined for one that takes no key. */
  withKey(name: string, apiKey: string): EmbeddingProvider | undefined;
}

/** The sizes a model's vectors may take: its default, and the most `dimensions` may ask for. */
export const EMBEDDING_SIZES: Record<string, { default: number; max: number }> = {
  embed: { default: 256, max: 3_072 },
  'text-embedding-3-small': { default: 1_536, max: 1_536 },
  'text-embedding-3-large': { default: 3_072, max: 3_072 },
};

/** Providers with an embeddings API: the offline sandbox, and OpenAI through its SDK (at OPENAI_BASE_URL, or a user's own key). */
export function createEmbeddingProviders(env: ProviderEnv, options: ProviderOptions = {}): EmbeddingProviders {
  const set = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  const baseURL = set(env.OPENAI_BASE_URL) ?? DEFAULT_BASE_URLS.openai;
  const openai = (apiKey: string | undefined) => new OpenAiEmbeddings(apiKey, baseURL, options);
  const platform: Record<string, EmbeddingProvider> = { sandbox: new SandboxEmbeddings(), openai: openai(set(env.OPENAI_API_KEY)) };
  return {
    platform: (name) => platform[name],
    withKey: (name, apiKey) => (name === 'openai' ? openai(apiKey) : undefined),
  };
}

/** OpenAI's `POST /embeddings` through the official SDK, as little-endian float32 base64 (exact, and a third of the JSON). */
class OpenAiEmbeddings implements EmbeddingProvider {
  readonly name = 'openai';
  readonly available: boolean;
  private readonly client: OpenAI | null;

  constructor(apiKey: string | undefined, baseURL: string, options: ProviderOptions) {
    const key = apiKey?.trim();
    this.available = Boolean(key);
    this.client = key
      ? new OpenAI({
          apiKey: key,
          adminAPIKey: null,
          organization: null,
          project: null,
          baseURL,
          timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
          fetch: providerFetch,
        })
      : null;
  }

  async embed(request: EmbeddingRequest, signal?: AbortSignal): Promise<EmbeddingResponse> {
    if (!this.client) throw new ProviderError(this.name, 'openai is not configured', false);
    let answer: OpenAI.CreateEmbeddingResponse;
    try {
      answer = await this.client.embeddings.create(
        {
          model: request.model,
          input: request.inputs as string[] | number[][],
          encoding_format: 'base64',
          ...(request.dimensions !== null ? { dimensions: request.dimensions } : {}),
        },
        { signal },
      );
    } catch (err) {
      throw toProviderError(this.name, err, OpenAI, signal);
    }
    const data = [...(answer.data ?? [])].sort((a, b) => a.index - b.index);
    if (data.length !== request.inputs.length) throw new ProviderError(this.name, 'openai answered a different number of embeddings', false);
    const vectors = data.map((d) => fromWire(d.embedding as unknown));
    const tokens = answer.usage?.prompt_tokens;
    return { vectors, inputTokens: Number.isInteger(tokens) && tokens >= 0 ? tokens : null };
  }
}

/** A wire embedding (base64 as asked, or a float array from a server that ignores the ask) as float32. */
function fromWire(embedding: unknown): Float32Array {
  if (typeof embedding === 'string') return base64ToFloat32(embedding);
  if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number')) return Float32Array.from(embedding);
  throw new ProviderError('openai', 'openai answered an embedding in an unknown form', false);
}

/** Little-endian float32 bytes, as OpenAI's `encoding_format: "base64"` sends them. */
export function base64ToFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

export function float32ToBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString('base64');
}

/**
 * `sandbox/embed`: offline and deterministic (docs/decisions/0052-embeddings.md). The text's o200k
 * tokens (or the token ids sent) are hashed into the vector: each token adds ±1 at two seeded
 * positions and each pair of neighbours ±0.5 at one, then the vector is scaled to unit length. So
 * the same input always gives the same vector, texts sharing words point the same way (cosine
 * similarity means something in a demo), and a text and its own token ids embed alike.
 */
export class SandboxEmbeddings implements EmbeddingProvider {
  readonly name = 'sandbox';
  readonly available = true;

  async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
    const size = request.dimensions ?? EMBEDDING_SIZES.embed!.default;
    const vectors = request.inputs.map((input) => sandboxVector(typeof input === 'string' ? tokenIds(input, 'o200k_base') : input, size));
    return { vectors, inputTokens: null };
  }
}

const SEED = 0x7011_6a7e;

export function sandboxVector(tokens: number[], size: number): Float32Array {
  const sums = new Float64Array(size);
  const add = (key: number, salt: number, weight: number) => {
    const h = mix(Math.imul(key ^ SEED, 0x9e37_79b1) ^ salt);
    sums[h % size]! += h & 0x8000_0000 ? -weight : weight;
  };
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i]!, 1, 1);
    add(tokens[i]!, 2, 1);
    if (i > 0) add(Math.imul(tokens[i - 1]!, 0x85eb_ca6b) ^ tokens[i]!, 3, 0.5);
  }
  let norm = 0;
  for (const x of sums) norm += x * x;
  // No token hashed anywhere (impossible for a non-empty input): the first axis, still unit length.
  if (norm === 0) sums[0] = norm = 1;
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(sums, (x) => x * scale);
}

/** murmur3's 32-bit finaliser: every input bit moves every output bit. Unsigned. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
