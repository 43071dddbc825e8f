import { isByokProvider } from '@tollgate/shared';
import type { Config } from '../../platform/config.js';
import type { RunnableProviders } from '../catalog/index.js';
import type { ProviderFactory } from './providers/provider.js';
import { createProviderFactory } from './providers/registry.js';

/** Where the user's own keys are known without opening them (the BYOK module's per-user cache). */
export interface OwnKeyProviders {
  ownKeyProviders(userId: string): Promise<ReadonlySet<string>>;
}

/**
 * The platform's providers, built once per process from its config: the gateway calls them, and the
 * catalog's availability (what `auto` and the pickers offer) and the admin's provider status read
 * whether each is configured from the same objects, so the three never disagree.
 */
export function platformProviders(config: Config): ProviderFactory {
  return createProviderFactory(config, {
    timeoutMs: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
    sandboxChunkDelayMs: config.SANDBOX_STREAM_DELAY_MS,
  });
}

/**
 * The gateway's answer to the catalog's question "which providers can serve this user now": a
 * platform key, or keys the platform provisions per user (OpenRouter automation: created on a
 * user's first call, so its provider serves everyone), or the user's own key.
 */
export function runnableProviders(providers: ProviderFactory, keys: OwnKeyProviders, managed?: { covers(provider: string): boolean }): RunnableProviders {
  return {
    configured: (provider) => (providers.platform(provider)?.available ?? false) || (managed?.covers(provider) ?? false),
    takesOwnKey: (provider) => isByokProvider(provider),
    ownKeyProviders: (userId) => keys.ownKeyProviders(userId),
  };
}
