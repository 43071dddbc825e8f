import type { ProblemWording } from '../apollo/describe-problem';

/** The invitation page's words: an unknown, used, expired or revoked token all read the same. */
export const INVITATION_WORDING: ProblemWording = {
  NOT_FOUND: 'This invitation link is not valid: it may have expired, been revoked or already been used. Ask the team for a new one.',
};

/** The team screens': a team that is not found is one the person no longer belongs to. */
export const TEAM_WORDING: ProblemWording = {
  NOT_FOUND: 'This team is not one of yours any more. Switch to another account with the switcher at the top.',
};
