import type { TeamRole as SharedRole } from '@tollgate/shared';

/** The API's role enum (TeamRole in schema.graphql). */
export type ApiTeamRole = 'OWNER' | 'ADMIN' | 'MEMBER';

export interface TeamSummary {
  id: string;
  name: string;
  myRole: ApiTeamRole;
}

/** The shared (lower-case) role, for @tollgate/shared's isTeamManager and friends. */
export const sharedRole = (role: ApiTeamRole): SharedRole => role.toLowerCase() as SharedRole;

/** A role in words: "owner", "admin", "member". */
export const roleWord = (role: ApiTeamRole): string => sharedRole(role);

/** How an account reads in the switcher and its button: "Acme (admin)", or the personal account. */
export function accountLabel(team: TeamSummary | null): string {
  return team ? `${team.name} (${roleWord(team.myRole)})` : 'Personal account';
}

/**
 * The roles a manager may give in a member's row: an owner any; an admin moves people between
 * member and admin only and cannot touch an owner (the server enforces the same; this only keeps
 * the choices on screen honest). Empty: the row's role is not theirs to change.
 */
export function assignableRoles(mine: ApiTeamRole, theirs: ApiTeamRole): ApiTeamRole[] {
  if (mine === 'OWNER') return ['OWNER', 'ADMIN', 'MEMBER'];
  if (mine === 'ADMIN' && theirs !== 'OWNER') return ['ADMIN', 'MEMBER'];
  return [];
}

/** Whether `mine` may remove a member whose role is `theirs` (never oneself: that is leaving). */
export function canRemove(mine: ApiTeamRole, theirs: ApiTeamRole, self: boolean): boolean {
  if (self) return false;
  return mine === 'OWNER' || (mine === 'ADMIN' && theirs !== 'OWNER');
}

/** Roles an invitation may carry, and who may send them: owners and admins. */
export const INVITABLE_ROLES: readonly ApiTeamRole[] = ['MEMBER', 'ADMIN'];
