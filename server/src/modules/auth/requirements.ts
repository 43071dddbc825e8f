import { isTeamManager, type ApiKeyScope } from '@tollgate/shared';
import type { Principal } from './principal.js';

/**
 * What an operation or field needs, named in `@Authorized(...)`; every requirement listed must hold.
 * - a scope: an API key must carry it; a session may do everything its role allows (`admin` also
 *   needs the admin role, for a session and for a key alike);
 * - `session`: a signed-in user, not a key (keys cannot mint or revoke keys, send gifts …);
 * - `anyOf(...)`: any one of several needs suffices (e.g. a session or a key with `read` or `service`);
 * - `selfOrAdmin(arg)`: an argument naming another account than the caller's needs the admin role;
 * - `manage`: acting for a team, the caller must be its owner or an admin (members only spend);
 *   on one's own account it always holds (docs/decisions/0055-teams.md).
 */
export type Requirement = Need | AnyOf | SelfOrAdmin;

/** One need: a scope, a session, `manage`, or `{ keyScope }` — an API key carrying the scope (a session does not count). */
export type Need = ApiKeyScope | 'session' | 'manage' | KeyScope;

/** The FORBIDDEN message of `manage`. */
export const MANAGE_MESSAGE = 'Only an owner or admin of this team may do this';

export interface KeyScope {
  readonly keyScope: ApiKeyScope;
}

export interface AnyOf {
  readonly anyOf: readonly Need[];
  /** The FORBIDDEN message when no alternative holds. */
  readonly message: string;
}

export interface SelfOrAdmin {
  readonly selfOrAdmin: string;
  readonly message: string;
}

/** `@Authorized(anyOf(['read', 'service'], '…'))`: one of the needs is enough. */
export function anyOf(needs: readonly Need[], message?: string): AnyOf {
  if (needs.length === 0) throw new Error('anyOf needs at least one alternative');
  return { anyOf: needs, message: message ?? `This needs one of: ${needs.map(describe).join(', ')}` };
}

/** An API key with this scope; a session does not satisfy it (unlike a plain scope). */
export const keyScope = (scope: ApiKeyScope): KeyScope => ({ keyScope: scope });

/**
 * The argument `arg`, when given, must be the caller's own user id unless the caller has the admin
 * role (the role alone, as for watching another account's balance: the rule predates key scopes on it).
 */
export const selfOrAdmin = (arg: string, message: string): SelfOrAdmin => ({ selfOrAdmin: arg, message });

function describe(need: Need): string {
  if (typeof need === 'object') return `an API key with the "${need.keyScope}" scope`;
  if (need === 'manage') return 'an owner or admin of the team';
  return need === 'session' ? 'a signed-in session' : `the "${need}" scope`;
}

/** Why one need is unmet, or null when it holds. */
function unmetNeed(principal: Principal, need: Need): string | null {
  if (typeof need === 'object') {
    return principal.via === 'apiKey' && principal.scopes.includes(need.keyScope) ? null : `This needs an API key with the "${need.keyScope}" scope`;
  }
  if (need === 'session') return principal.via === 'session' ? null : 'This needs a signed-in session; API keys cannot do it';
  if (need === 'manage') return principal.team === null || isTeamManager(principal.team.role) ? null : MANAGE_MESSAGE;
  if (need === 'admin' && principal.role !== 'admin') return 'This needs an admin';
  if (principal.via === 'apiKey' && !principal.scopes.includes(need)) return `This API key lacks the "${need}" scope`;
  return null;
}

/** The first unmet requirement's FORBIDDEN message, or null when all hold. `args`: the field's arguments. */
export function unmetRequirement(principal: Principal, requirements: readonly Requirement[], args: Record<string, unknown> = {}): string | null {
  for (const requirement of requirements) {
    if (typeof requirement === 'object' && 'anyOf' in requirement) {
      if (!requirement.anyOf.some((need) => unmetNeed(principal, need) === null)) return requirement.message;
    } else if (typeof requirement === 'object' && 'selfOrAdmin' in requirement) {
      const named = args[requirement.selfOrAdmin];
      const own = named === principal.userId || named === principal.accountId;
      if (named != null && !own && principal.role !== 'admin') return requirement.message;
    } else {
      const unmet = unmetNeed(principal, requirement);
      if (unmet) return unmet;
    }
  }
  return null;
}
