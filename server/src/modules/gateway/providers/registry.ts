import { AnthropicProvider } from './anthropic.provider.js';
import { OpenAiCompatibleProvider } from './openai.provider.js';
import type { Provider } from './provider.js';
import { SandboxProvider } from './sandbox.provider.js';

/** The provider variables of the process config (CONTRACT.md); the config's own type fits. */
export interface ProviderEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  GOOGLE_API_KEY?: string;
  GOOGLE_BASE_URL?: string;
  OPENROUTER_API_KEY?: string;
  OPENROUTER_BASE_URL?: string;
}

export interface ProviderOptions {
  /** Per attempt, for every SDK-backed provider. */
  timeoutMs?: number;
  /** The SDKs' own retries before a provider fails (and the gateway may fall back). */
  maxRetries?: number;
}

export const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  google: 'https://generativelanguage.googleapis.com/v1beta/openai/',
  openrouter: 'https://openrouter.ai/api/v1',
} as const;

/**
 * Every provider the catalog names, keyed by the catalog's `provider`. One without a key is there
 * but not `available`, so its models answer PROVIDER_UNAVAILABLE. An empty variable counts as unset.
 */
export function createProviders(env: ProviderEnv, options: ProviderOptions = {}): Record<string, Provider> {
  const set = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  const common = { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
  return {
    sandbox: new SandboxProvider(),
    openai: new OpenAiCompatibleProvider({
      name: 'openai', apiKey: set(env.OPENAI_API_KEY), baseURL: set(env.OPENAI_BASE_URL) ?? DEFAULT_BASE_URLS.openai, ...common,
    }),
    anthropic: new AnthropicProvider({
      apiKey: set(env.ANTHROPIC_API_KEY), baseURL: set(env.ANTHROPIC_BASE_URL) ?? DEFAULT_BASE_URLS.anthropic, ...common,
    }),
    google: new OpenAiCompatibleProvider({
      name: 'google', apiKey: set(env.GOOGLE_API_KEY), baseURL: set(env.GOOGLE_BASE_URL) ?? DEFAULT_BASE_URLS.google, ...common,
    }),
    openrouter: new OpenAiCompatibleProvider({
      name: 'openrouter', apiKey: set(env.OPENROUTER_API_KEY), baseURL: set(env.OPENROUTER_BASE_URL) ?? DEFAULT_BASE_URLS.openrouter, ...common,
    }),
  };
}
