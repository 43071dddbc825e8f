import { AnthropicProvider } from './anthropic.provider.js';
import { OpenAiCompatibleProvider } from './openai.provider.js';
import type { Provider, ProviderFactory } from './provider.js';
import { SandboxProvider } from './sandbox.provider.js';

/** The provider variables of the process config (README, Configuration); the config's own type fits. */
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
  /** Between streamed sandbox/echo words. */
  sandboxChunkDelayMs?: number;
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
  const build = (name: string, apiKey: string | undefined) => sdkProvider(name, apiKey, env, options);
  return {
    sandbox: new SandboxProvider(options.sandboxChunkDelayMs ?? 0),
    openai: build('openai', set(env.OPENAI_API_KEY))!,
    anthropic: build('anthropic', set(env.ANTHROPIC_API_KEY))!,
    google: build('google', set(env.GOOGLE_API_KEY))!,
    openrouter: build('openrouter', set(env.OPENROUTER_API_KEY))!,
  };
}

/** The platform's providers, plus providers built on a user's own key (BYOK) at the same base URLs. */
export function createProviderFactory(env: ProviderEnv, options: ProviderOptions = {}): ProviderFactory {
  const platform = createProviders(env, options);
  return {
    platform: (name) => platform[name],
    withKey: (name, apiKey) => sdkProvider(name, apiKey, env, options),
  };
}

function sdkProvider(name: string, apiKey: string | undefined, env: ProviderEnv, options: ProviderOptions): Provider | undefined {
  const set = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  const common = { apiKey, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
  switch (name) {
    case 'openai':
      return new OpenAiCompatibleProvider({ name, baseURL: set(env.OPENAI_BASE_URL) ?? DEFAULT_BASE_URLS.openai, ...common });
    case 'anthropic':
      return new AnthropicProvider({ baseURL: set(env.ANTHROPIC_BASE_URL) ?? DEFAULT_BASE_URLS.anthropic, ...common });
    case 'google':
      return new OpenAiCompatibleProvider({ name, baseURL: set(env.GOOGLE_BASE_URL) ?? DEFAULT_BASE_URLS.google, ...common });
    case 'openrouter':
      return new OpenAiCompatibleProvider({ name, baseURL: set(env.OPENROUTER_BASE_URL) ?? DEFAULT_BASE_URLS.openrouter, ...common });
    default:
      return undefined;
  }
}
