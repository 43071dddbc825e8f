import type { ApiKeyScope, Role } from '@tollgate/shared';

/** Who is calling: a signed-in user (session) or an integrator's API key. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'apiKey';
  /** The key's scopes; a session may do everything its role allows. */
  scopes: readonly ApiKeyScope[];
  apiKeyId?: string;
  /**
   * Set when the principal was served from the cache without its version read (authenticate's
   * `deferVersion`): whoever acts on it reads `read` from the backplane and calls `check` with the
   * value, which refuses (UNAUTHENTICATED, ACCOUNT_SUSPENDED) if the principal changed meanwhile.
   */
  confirm?: { read: string; check(value: string | null): Promise<void> };
}

declare module '../../platform/context.js' {
  interface ContextParts {
    principal: Principal;
  }
}

// The rules @Authorized names live in requirements.ts; re-exported for the callers that check by hand.
export { unmetRequirement, type Requirement } from './requirements.js';
