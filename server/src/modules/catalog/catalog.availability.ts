import type { CatalogModel, Tier } from './catalog.domain.js';

/**
 * What the catalog needs to know of the gateway's providers to say whether a model can run for a
 * user now. The gateway implements it (gateway.runnable.ts) and services.ts injects it: the catalog
 * imports no gateway code. Both answers come from memory (the process config, the BYOK module's
 * per-user cache of sealed keys), so asking for every model of a list costs no SQL per model.
 */
export interface RunnableProviders {
  /** The platform has a key for this provider (sandbox always runs: it needs none). */
  configured(provider: string): boolean;
  /** Whether a user could bring a key for this provider at all (sandbox takes none). */
  takesOwnKey(provider: string): boolean;
  /** The providers the user has stored their own key for (whatever their tier). */
  ownKeyProviders(userId: string): Promise<ReadonlySet<string>>;
}

/** How a runnable model would be served: the platform's key, the user's own key, or offline (sandbox). */
export type AvailabilityVia = 'platform' | 'own-key' | 'offline';

export interface Availability {
  runnable: boolean;
  via: AvailabilityVia | null;
  /** Why not, for people (null when runnable): what is missing and what would fix it. */
  reason: string | null;
  /** The provider is the missing part (not the tier): counted apart by pickers ("n more need a provider key"). */
  needsProviderKey: boolean;
}

/** The chat pickers and `auto` offer only chat models; a model without a kind predates embeddings and is chat. */
export function modelKind(model: { id: string; kind?: string | null }): 'chat' | 'embedding' {
  return model.kind === 'embedding' ? 'embedding' : 'chat';
}

const PROVIDER_NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google', openrouter: 'OpenRouter', sandbox: 'Sandbox' };
export const providerName = (provider: string) => PROVIDER_NAMES[provider] ?? provider;

/** One user's view, read once per request: `of` answers for each model from memory. */
export interface UserAvailability {
  of(model: Pick<CatalogModel, 'provider'>, allowed: boolean): Availability;
}

/**
 * Whether a model can run for a user NOW: the tier includes it, and its provider has a platform key,
 * or the tier allows own keys and the user stored one for that provider, or it is an offline sandbox
 * model. The one source of truth for `auto`, the model pickers (Model.availability) and the admin's
 * provider status (which counts the models each configured provider serves).
 */
export class ModelAvailability {
  constructor(private readonly providers: RunnableProviders) {}

  /** The platform alone: what runs for a user with no keys of their own (the admin's status page). */
  configured(provider: string): boolean {
    return this.providers.configured(provider);
  }

  async forUser(userId: string, tier: Pick<Tier, 'name' | 'byokAllowed'>): Promise<UserAvailability> {
    // Keys a user stored on a tier that no longer allows them are not used by the gateway: not read either.
    const own = tier.byokAllowed ? await this.providers.ownKeyProviders(userId) : new Set<string>();
    return {
      of: (model, allowed) => {
        const provider = model.provider;
        let via: AvailabilityVia | null = null;
        if (provider === 'sandbox') via = 'offline';
        else if (own.has(provider)) via = 'own-key';
        else if (this.providers.configured(provider)) via = 'platform';
        if (!allowed) return { runnable: false, via: null, reason: `Not included in your ${tier.name} tier; upgrade to use it.`, needsProviderKey: false };
        if (via) return { runnable: true, via, reason: null, needsProviderKey: false };
        return { runnable: false, via: null, reason: capitalized(this.providerMissing(provider, tier)), needsProviderKey: true };
      },
    };
  }

  /** Why a model whose provider has no key cannot run, and what would make it (the recommendation says it too). */
  providerMissing(provider: string, tier: Pick<Tier, 'byokAllowed'>): string {
    const name = providerName(provider);
    if (!this.providers.takesOwnKey(provider)) return `its provider (${name}) is not available on this server`;
    if (tier.byokAllowed) return `its provider (${name}) is not configured on this server; add your own ${name} key in Provider keys`;
    return `its provider (${name}) is not configured on this server; upgrade to a tier that allows your own provider keys to use it`;
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Everything runs: for tests and tools that build a catalog without a gateway. */
export const everyProviderRunnable: RunnableProviders = {
  configured: () => true,
  takesOwnKey: () => false,
  ownKeyProviders: async () => new Set(),
};
