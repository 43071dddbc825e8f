import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { problemFromError, type ApiProblem } from '../apollo/problem';
import { fallBackToPersonal, getActingTeam, type ActingTeam } from './acting-account';

/** The header naming the team a session acts for (the server's ACTING_ACCOUNT_HEADER). */
export const ACTING_ACCOUNT_HEADER = 'X-Tollgate-Account';

/** The server's refusal of a session acting for a team it is not (or no longer) a member of. */
export const NOT_A_MEMBER_MESSAGE = 'You are not a member of that team';

export const isNotAMember = (problem: ApiProblem): boolean => problem.code === 'FORBIDDEN' && problem.message === NOT_A_MEMBER_MESSAGE;

/**
 * Names the acting team on every HTTP request (no header: the personal account), and keeps the
 * team in the operation's context so an answer is judged against what was sent, not against a
 * switch made while it was in flight.
 */
export const actingAccountLink = new SetContextLink((prevContext) => {
  const team = getActingTeam();
  if (!team) return { actingTeam: null };
  return { actingTeam: team, headers: { ...prevContext.headers, [ACTING_ACCOUNT_HEADER]: team.id } };
});

/**
 * The team whose membership a failed operation shows is gone, or null: only a "not a member"
 * refusal of an operation sent for the team still acted for (an older answer changes nothing).
 */
export function lostMembership(error: unknown, sent: ActingTeam | null | undefined, current: ActingTeam | null): ActingTeam | null {
  if (!sent || current?.id !== sent.id) return null;
  return isNotAMember(problemFromError(error)) ? sent : null;
}

/**
 * Removed from the team meanwhile (on another device, by an admin): back to the personal account,
 * which resets the store, so every screen refetches as the person. Deferred a task, so the reset
 * does not run inside the failing operation's own delivery.
 */
export const teamFallbackLink = new ErrorLink(({ error, operation }) => {
  const lost = lostMembership(error, operation.getContext().actingTeam as ActingTeam | null | undefined, getActingTeam());
  if (lost) setTimeout(() => fallBackToPersonal(lost), 0);
});
