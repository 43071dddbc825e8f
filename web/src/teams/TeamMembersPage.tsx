import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isTeamManager } from '@tollgate/shared';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { setActingTeam } from './acting-account';
import { ActingTeamGate, type ActingTeamData } from './ActingTeamGate';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { roleWord, sharedRole } from './team-roles';
import { useTeamMembers } from './useTeamMembers';

/** Team › Members: everyone in the acting team; owners and admins also invite and manage. */
export function TeamMembersPage() {
  return <ActingTeamGate title="Members">{(team) => <TeamMembers team={team} />}</ActingTeamGate>;
}

function TeamMembers({ team }: { team: ActingTeamData }) {
  const user = useCurrentUser();
  const manager = isTeamManager(sharedRole(team.myRole));
  return (
    <section className="page team-page" data-testid="team-members-page" data-team={team.id}>
      <h1>Members</h1>
      <p className="muted">
        <strong data-testid="team-name">{team.name}</strong> · {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'} · you are{' '}
        <span data-testid="my-team-role">{roleWord(team.myRole)}</span>.{' '}
        {manager
          ? 'Owners and admins invite people, change roles, set spend caps and remove members.'
          : 'Only owners and admins change the team; you see its members and your own spend cap.'}
      </p>
      <MembersSection team={team} myUserId={user.id} />
      {manager && <InvitationsSection teamId={team.id} />}
      <LeaveTeam team={team} />
    </section>
  );
}

/** Leaving: any member, except the last owner (the server refuses, and says so). */
function LeaveTeam({ team }: { team: ActingTeamData }) {
  const { leave, leaving } = useTeamMembers(team.id);
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <section className="team-section" aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave the team</h2>
      <p className="muted">Your API keys on {team.name} are revoked when you leave.</p>
      <button type="button" className="button button-danger-ghost" onClick={() => setOpen(true)} data-testid="leave-team">
        Leave team
      </button>
      <ConfirmActionDialog
        open={open}
        title={`Leave ${team.name}?`}
        confirmLabel="Leave team"
        pending={leaving}
        action={async () => {
          await leave();
          setActingTeam(null);
          void navigate('/teams');
        }}
        onClose={() => setOpen(false)}
      >
        <p>You stop acting for the team at once, and need a new invitation to come back.</p>
      </ConfirmActionDialog>
    </section>
  );
}
