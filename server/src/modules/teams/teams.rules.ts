import { emailProblem, normalizeEmail, TEAM_ROLES, type TeamRole } from '@tollgate/shared';
import { BadUserInputError, DomainError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';

export const TEAM_NAME_MAX = 80;
/** Teams one person may create: each is an account; a bound stops a script from minting thousands. */
export const MAX_TEAMS_CREATED = 25;
/** Open invitations per team: a bound on the mail an admin can make Tollgate send. */
export const MAX_PENDING_INVITATIONS = 100;
export const INVITATION_DAYS = 7;

/** Another team's existence is never revealed: not a member reads exactly like no such team. */
export const teamNotFound = () => new NotFoundError('Team');
export const memberNotFound = () => new NotFoundError('Team member');
export const invitationNotFound = () => new NotFoundError('Invitation');
export const MANAGERS_ONLY = 'Only an owner or admin of this team may do this';

export const lastOwner = () =>
  new DomainError('BAD_USER_INPUT', 'A team needs at least one owner: make another member an owner first', { reason: 'LAST_OWNER' });

/** A team id from GraphQL: anything that is not a uuid is simply no team. */
export function teamId(raw: unknown): string {
  if (typeof raw !== 'string' || !isUuid(raw)) throw teamNotFound();
  return raw.toLowerCase();
}

export function userId(raw: unknown): string {
  if (typeof raw !== 'string' || !isUuid(raw)) throw memberNotFound();
  return raw.toLowerCase();
}

export function teamName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length === 0) throw new BadUserInputError('A team needs a name', 'name');
  if ([...name].length > TEAM_NAME_MAX) throw new BadUserInputError(`A team name is at most ${TEAM_NAME_MAX} characters`, 'name');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new BadUserInputError('A team name cannot contain control characters', 'name');
  return name;
}

export function email(raw: unknown, field: string): string {
  const value = normalizeEmail(typeof raw === 'string' ? raw : '');
  const problem = emailProblem(value);
  if (problem) throw new BadUserInputError(problem, field);
  return value;
}

/** An invitation grants admin or member; ownership is given by an owner to someone already in the team. */
export function invitedRole(raw: unknown): Exclude<TeamRole, 'owner'> {
  if (raw === 'admin' || raw === 'member') return raw;
  throw new BadUserInputError('An invitation is for the ADMIN or MEMBER role; an owner makes a member an owner afterwards', 'role');
}

export function role(raw: unknown): TeamRole {
  if (typeof raw === 'string' && (TEAM_ROLES as readonly string[]).includes(raw)) return raw as TeamRole;
  throw new BadUserInputError('role must be OWNER, ADMIN or MEMBER', 'role');
}

export function requireManager(callerRole: TeamRole): void {
  if (callerRole !== 'owner' && callerRole !== 'admin') throw new ForbiddenError(MANAGERS_ONLY);
}

/**
 * May `caller` move `target` from its role to `next`? An owner may make any change; an admin only
 * moves people between member and admin (never touches an owner, never grants OWNER); a member
 * changes nothing. Whether an owner remains is checked against the table (`ownerCount`).
 */
export function checkRoleChange(caller: TeamRole, target: TeamRole, next: TeamRole): void {
  requireManager(caller);
  if (caller === 'owner') return;
  if (target === 'owner') throw new ForbiddenError('Only an owner may change the role of an owner');
  if (next === 'owner') throw new ForbiddenError('Only an owner may make someone an owner');
}

/** May `caller` remove `target` (someone else)? Owners anyone; admins anyone but owners. */
export function checkRemoval(caller: TeamRole, target: TeamRole): void {
  requireManager(caller);
  if (caller === 'admin' && target === 'owner') throw new ForbiddenError('Only an owner may remove an owner');
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}
