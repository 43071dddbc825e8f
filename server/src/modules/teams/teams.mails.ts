import type { OutgoingMail } from '../mail/index.js';
import { INVITATION_DAYS } from './teams.rules.js';

/**
 * The invitation mail: who invites, to which team and role, and the link on a line of its own. The
 * team's name is the inviter's text; it has no line breaks (teamName refuses control characters),
 * so it cannot add a header to the subject.
 */
export function invitationMail(args: {
  to: string;
  userId: string | null;
  teamName: string;
  inviterEmail: string;
  role: 'admin' | 'member';
  link: string;
  publicUrl: string;
}): OutgoingMail {
  // The link's own page offers to create an account and comes back to the invitation.
  const signUp = args.userId ? '' : `\n\nNo Tollgate account yet? Open the link: it lets you create one with this address, then join.`;
  return {
    kind: 'team_invitation',
    to: args.to,
    userId: args.userId,
    subject: `${args.inviterEmail} invited you to the team ${args.teamName} on Tollgate`,
    text:
      `${args.inviterEmail} invited you to join the team "${args.teamName}" on Tollgate as ${args.role === 'admin' ? 'an admin' : 'a member'}. ` +
      `Its members share one credit balance.\n\n` +
      `Accept the invitation (signed in as ${args.to}; the link works once, for ${INVITATION_DAYS} days):\n${args.link}` +
      signUp +
      `\n\nIf you did not expect this, ignore this mail.\n\n— Tollgate\n${args.publicUrl}`,
  };
}
