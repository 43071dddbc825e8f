/**
 * The catalog's seed data: providers' list prices per 1M tokens in USD (as strings, turned into
 * nano-dollars per token), each with where and when it was read. Applied idempotently at every
 * start: a model, tier or package already present is left as the admin has it, and a price is a
 * new version only when its `effectiveFrom` is new. To change a price in a release, add a price
 * with a later `effectiveFrom`; never edit one that has been charged.
 */

export interface SeedPrice {
  inputUsdPerM: string;
  outputUsdPerM: string;
  cachedInputUsdPerM?: string;
  effectiveFrom: string;
  source: string;
  sourceDate: string;
}

export interface SeedModel {
  id: string;
  provider: 'openai' | 'anthropic' | 'google' | 'openrouter' | 'sandbox';
  providerModel: string;
  displayName: string;
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: string[];
  /** 1..5, for automatic selection (docs/decisions/0005-auto-model-selection.md). */
  quality: number;
  strengths: Array<'code' | 'reasoning' | 'writing' | 'summarization' | 'translation' | 'chat'>;
  price: SeedPrice;
}

export const OPENAI = { source: 'https://openai.com/api/pricing', sourceDate: '2026-11-01', effectiveFrom: '2026-11-01T00:00:00Z' };
const ANTHROPIC = { source: 'https://www.anthropic.com/pricing#api', sourceDate: '2026-11-01', effectiveFrom: '2026-11-01T00:00:00Z' };
const GOOGLE = { source: 'https://ai.google.dev/pricing', sourceDate: '2026-11-01', effectiveFrom: '2026-11-01T00:00:00Z' };
const OPENROUTER = { source: 'https://openrouter.ai/models', sourceDate: '2026-11-01', effectiveFrom: '2026-11-01T00:00:00Z' };
/** The sandbox models have no provider: Tollgate sets their price, to meter and charge them like any model. */
export const SANDBOX_PRICE_SOURCE = 'Set by Tollgate (offline sandbox model, no provider)';
const CONTRACT = { source: SANDBOX_PRICE_SOURCE, sourceDate: '2026-11-21', effectiveFrom: '2026-11-01T00:00:00Z' };

export const SEED_MODELS: SeedModel[] = [
  {
    id: 'openai/gpt-4o',
    provider: 'openai',
    providerModel: 'gpt-4o',
    displayName: 'GPT-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ['chat', 'vision', 'tools', 'json'],
    quality: 4,
    strengths: ['chat', 'writing', 'translation'],
    price: { inputUsdPerM: '2.5', outputUsdPerM: '10', cachedInputUsdPerM: '1.25', ...OPENAI },
  },
  {
    id: 'openai/gpt-4o-mini',
    provider: 'openai',
    providerModel: 'gpt-4o-mini',
    displayName: 'GPT-4o mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ['chat', 'vision', 'tools', 'json'],
    quality: 3,
    strengths: ['summarization', 'translation'],
    price: { inputUsdPerM: '0.15', outputUsdPerM: '0.6', cachedInputUsdPerM: '0.075', ...OPENAI },
  },
  {
    id: 'openai/gpt-4-turbo',
    provider: 'openai',
    providerModel: 'gpt-4-turbo',
    displayName: 'GPT-4 Turbo',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    capabilities: ['chat', 'vision', 'tools', 'json'],
    quality: 4,
    strengths: ['reasoning', 'code'],
    price: { inputUsdPerM: '10', outputUsdPerM: '30', ...OPENAI },
  },
  {
    id: 'openai/gpt-3.5-turbo',
    provider: 'openai',
    providerModel: 'gpt-3.5-turbo',
    displayName: 'GPT-3.5 Turbo',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    capabilities: ['chat', 'tools', 'json'],
    quality: 2,
    strengths: [],
    price: { inputUsdPerM: '0.5', outputUsdPerM: '1.5', ...OPENAI },
  },
  {
    id: 'anthropic/claude-3-opus',
    provider: 'anthropic',
    providerModel: 'claude-3-opus-latest',
    displayName: 'Claude 3 Opus',
    contextWindow: 200_000,
    maxOutputTokens: 4_096,
    capabilities: ['chat', 'vision', 'tools'],
    quality: 5,
    strengths: ['reasoning', 'writing'],
    price: { inputUsdPerM: '15', outputUsdPerM: '75', cachedInputUsdPerM: '1.5', ...ANTHROPIC },
  },
  {
    id: 'anthropic/claude-3.5-sonnet',
    provider: 'anthropic',
    providerModel: 'claude-3-5-sonnet-latest',
    displayName: 'Claude 3.5 Sonnet',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'vision', 'tools'],
    quality: 5,
    strengths: ['code', 'writing', 'reasoning'],
    price: { inputUsdPerM: '3', outputUsdPerM: '15', cachedInputUsdPerM: '0.3', ...ANTHROPIC },
  },
  {
    id: 'anthropic/claude-3.5-haiku',
    provider: 'anthropic',
    providerModel: 'claude-3-5-haiku-latest',
    displayName: 'Claude 3.5 Haiku',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'tools'],
    quality: 3,
    strengths: ['code', 'summarization'],
    price: { inputUsdPerM: '0.8', outputUsdPerM: '4', cachedInputUsdPerM: '0.08', ...ANTHROPIC },
  },
  {
    id: 'google/gemini-2.0-flash',
    provider: 'google',
    providerModel: 'gemini-2.0-flash',
    displayName: 'Gemini 2.0 Flash',
    contextWindow: 1_048_576,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'vision', 'tools', 'long-context'],
    quality: 3,
    strengths: ['summarization', 'translation'],
    price: { inputUsdPerM: '0.1', outputUsdPerM: '0.4', cachedInputUsdPerM: '0.025', ...GOOGLE },
  },
  {
    id: 'google/gemini-1.5-pro',
    provider: 'google',
    providerModel: 'gemini-1.5-pro',
    displayName: 'Gemini 1.5 Pro',
    contextWindow: 2_097_152,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'vision', 'tools', 'long-context'],
    quality: 4,
    strengths: ['reasoning', 'summarization'],
    price: { inputUsdPerM: '1.25', outputUsdPerM: '5', cachedInputUsdPerM: '0.312', ...GOOGLE },
  },
  {
    id: 'google/gemini-1.5-flash',
    provider: 'google',
    providerModel: 'gemini-1.5-flash',
    displayName: 'Gemini 1.5 Flash',
    contextWindow: 1_048_576,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'vision', 'long-context'],
    quality: 2,
    strengths: ['summarization', 'translation'],
    price: { inputUsdPerM: '0.075', outputUsdPerM: '0.3', ...GOOGLE },
  },
  {
    id: 'openrouter/meta-llama/llama-3.1-8b-instruct:free',
    provider: 'openrouter',
    providerModel: 'meta-llama/llama-3.1-8b-instruct:free',
    displayName: 'Llama 3.1 8B (free)',
    contextWindow: 131_072,
    maxOutputTokens: 4_096,
    capabilities: ['chat'],
    quality: 2,
    strengths: [],
    price: { inputUsdPerM: '0', outputUsdPerM: '0', ...OPENROUTER },
  },
  {
    id: 'openrouter/mistralai/mistral-7b-instruct:free',
    provider: 'openrouter',
    providerModel: 'mistralai/mistral-7b-instruct:free',
    displayName: 'Mistral 7B Instruct (free)',
    contextWindow: 32_768,
    maxOutputTokens: 4_096,
    capabilities: ['chat'],
    quality: 1,
    strengths: [],
    price: { inputUsdPerM: '0', outputUsdPerM: '0', ...OPENROUTER },
  },
  {
    id: 'openrouter/anthropic/claude-3.5-sonnet',
    provider: 'openrouter',
    providerModel: 'anthropic/claude-3.5-sonnet',
    displayName: 'Claude 3.5 Sonnet (OpenRouter)',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    capabilities: ['chat', 'vision', 'tools'],
    quality: 5,
    strengths: ['code', 'writing', 'reasoning'],
    price: { inputUsdPerM: '3', outputUsdPerM: '15', ...OPENROUTER },
  },
  {
    id: 'sandbox/echo',
    provider: 'sandbox',
    providerModel: 'echo',
    displayName: 'Sandbox echo',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    capabilities: ['chat'],
    quality: 1,
    strengths: [],
    price: { inputUsdPerM: '1', outputUsdPerM: '2', ...CONTRACT },
  },
];

export interface SeedTier {
  code: 'free' | 'starter' | 'pro' | 'enterprise';
  name: string;
  monthlyPriceCents: number;
  monthlyCredits: string;
  rollover: 'none' | 'capped' | 'full';
  rolloverCapCredits: string | null;
  monthlyTokenAllowance: number;
  monthlyRequestCap: number;
  maxTokensPerRequest: number;
  requestsPerMinute: number;
  allowedPriceClasses: Array<'free' | 'budget' | 'standard' | 'premium'>;
  allowedModels: string[];
  byokAllowed: boolean;
  /** Replaces the price-class markup when set (basis points). */
  markupBps: number | null;
  /** Past the monthly token allowance (docs/decisions/0020-overage.md). */
  overage: 'block' | 'credits';
  overageSurchargeBps: number;
  sort: number;
}

// From the seeds' subscription plans (starter $9, pro $29, enterprise $99), with credits scaled to
// CREDIT_USD 0.01 and a little bonus for committing to a month.
// Past the token allowance (docs/decisions/0020-overage.md): free blocks (no card, no surprise
// charges); paying tiers go on from credits, with a surcharge that shrinks as the tier grows.
export const SEED_TIERS: SeedTier[] = [
  {
    code: 'free',
    name: 'Free',
    monthlyPriceCents: 0,
    monthlyCredits: '0',
    rollover: 'none',
    rolloverCapCredits: null,
    monthlyTokenAllowance: 200_000,
    monthlyRequestCap: 1_000,
    maxTokensPerRequest: 2_048,
    requestsPerMinute: 20,
    allowedPriceClasses: ['free', 'budget'],
    allowedModels: [],
    byokAllowed: false,
    markupBps: null,
    overage: 'block',
    overageSurchargeBps: 0,
    sort: 0,
  },
  {
    code: 'starter',
    name: 'Starter',
    monthlyPriceCents: 900,
    monthlyCredits: '1000',
    rollover: 'capped',
    rolloverCapCredits: '500',
    monthlyTokenAllowance: 2_000_000,
    monthlyRequestCap: 10_000,
    maxTokensPerRequest: 4_096,
    requestsPerMinute: 60,
    allowedPriceClasses: ['free', 'budget', 'standard'],
    allowedModels: [],
    byokAllowed: false,
    markupBps: 1_000,
    overage: 'credits',
    overageSurchargeBps: 2500,
    sort: 1,
  },
  {
    code: 'pro',
    name: 'Pro',
    monthlyPriceCents: 2_900,
    monthlyCredits: '3500',
    rollover: 'capped',
    rolloverCapCredits: '3500',
    monthlyTokenAllowance: 10_000_000,
    monthlyRequestCap: 50_000,
    maxTokensPerRequest: 8_192,
    requestsPerMinute: 120,
    allowedPriceClasses: ['free', 'budget', 'standard', 'premium'],
    allowedModels: [],
    byokAllowed: true,
    markupBps: 500,
    overage: 'credits',
    overageSurchargeBps: 1500,
    sort: 2,
  },
  {
    code: 'enterprise',
    name: 'Enterprise',
    monthlyPriceCents: 9_900,
    monthlyCredits: '12500',
    rollover: 'full',
    rolloverCapCredits: null,
    monthlyTokenAllowance: 100_000_000,
    monthlyRequestCap: 500_000,
    maxTokensPerRequest: 16_384,
    requestsPerMinute: 600,
    allowedPriceClasses: ['free', 'budget', 'standard', 'premium'],
    allowedModels: [],
    byokAllowed: true,
    markupBps: 0,
    overage: 'credits',
    overageSurchargeBps: 0,
    sort: 3,
  },
];

export interface SeedPackage {
  code: string;
  name: string;
  credits: string;
  bonusCredits: string;
  priceCents: number;
  sort: number;
}

// The seeds' packages ($5, $15 with a 25% bonus, $30 with a 40% bonus) at CREDIT_USD 0.01.
export const SEED_PACKAGES: SeedPackage[] = [
  { code: 'starter-pack', name: 'Starter', credits: '500', bonusCredits: '0', priceCents: 500, sort: 0 },
  { code: 'popular-pack', name: 'Popular', credits: '1500', bonusCredits: '375', priceCents: 1_500, sort: 1 },
  { code: 'pro-pack', name: 'Pro', credits: '3000', bonusCredits: '1200', priceCents: 3_000, sort: 2 },
];
