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
}

/**
 * What an operation or field needs, named in `@Authorized(...)`. Scopes apply to API keys;
 * `session` means a signed-in user (not a key: keys cannot mint or revoke keys); `admin` means the
 * admin role, and for a key also the admin scope.
 */
export type Requirement = ApiKeyScope | 'session';

export function unmetRequirement(principal: Principal, requirements: readonly Requirement[]): string | null {
  for (const need of requirements) {
    if (need === 'session') {
      if (principal.via !== 'session') return 'This needs a signed-in session; API keys cannot do it';
    } else if (need === 'admin' && principal.role !== 'admin') {
      return 'This needs an admin';
    } else if (principal.via === 'apiKey' && !principal.scopes.includes(need)) {
      return `This API key lacks the "${need}" scope`;
    }
  }
  return null;
}
