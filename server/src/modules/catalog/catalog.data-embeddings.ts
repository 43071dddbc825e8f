/** The embedding models Tollgate starts with (POST /v1/embeddings); chat models are in catalog.data.ts. */
import { OPENAI, SANDBOX_PRICE_SOURCE, type SeedModel } from './catalog.data.js';

const SANDBOX_EMBED = { source: SANDBOX_PRICE_SOURCE, sourceDate: '2026-12-05', effectiveFrom: '2026-11-01T00:00:00Z' };

/**
 * Embedding models (kind `embedding`, docs/decisions/0052-embeddings.md): served by `POST /v1/embeddings`
 * only, priced per input token (no output, so `maxOutputTokens` 0). `contextWindow` is the most one input may hold.
 */
export const SEED_EMBEDDING_MODELS: SeedModel[] = [
  {
    id: 'openai/text-embedding-3-small',
    provider: 'openai',
    providerModel: 'text-embedding-3-small',
    displayName: 'Text Embedding 3 Small',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    capabilities: ['embeddings'],
    quality: 3,
    strengths: [],
    price: { inputUsdPerM: '0.02', outputUsdPerM: '0', ...OPENAI },
  },
  {
    id: 'openai/text-embedding-3-large',
    provider: 'openai',
    providerModel: 'text-embedding-3-large',
    displayName: 'Text Embedding 3 Large',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    capabilities: ['embeddings'],
    quality: 4,
    strengths: [],
    price: { inputUsdPerM: '0.13', outputUsdPerM: '0', ...OPENAI },
  },
  {
    id: 'sandbox/embed',
    provider: 'sandbox',
    providerModel: 'embed',
    displayName: 'Sandbox embed',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    capabilities: ['embeddings'],
    quality: 1,
    strengths: [],
    price: { inputUsdPerM: '0.02', outputUsdPerM: '0', ...SANDBOX_EMBED },
  },
];
