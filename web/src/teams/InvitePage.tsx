import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { AuthCard } from '../auth/AuthCard';
import { useToken } from '../auth/useToken';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/format-date';
import { setActingTeam } from './acting-account';
import { roleWord } from './team-roles';
import { INVITATION_WORDING } from './team-wording';
import { useInvitationPreview } from './useInvitationPreview';
import './teams.css';

/**
 * `/invite/:token`, the link an invitation carries. Signed out: sign in or sign up first, and both
 * come back here (their gate reads `state.from`). Signed in: what the invitation is, and Accept,
 * which joins the team and acts for it.
 */
export function InvitePage() {
  useDocumentTitle('Team invitation');
  const { token = '' } = useParams();
  const signedIn = useToken() !== null;
  const here = `/invite/${encodeURIComponent(token)}`;
  if (!signedIn) {
    return (
      <AuthCard title="Join a team" subtitle="You were invited to a team on Tollgate." footer={<Link to="/">Tollgate</Link>}>
        <p data-testid="invite-signed-out">Sign in, or create an account, to see the invitation and accept it. You come back here afterwards.</p>
        <p className="invite-actions">
          <Link to="/sign-in" state={{ from: here }} className="button button-primary" data-testid="invite-sign-in">
            Sign in
          </Link>{' '}
          <Link to="/sign-up" state={{ from: here }} className="button button-secondary" data-testid="invite-sign-up">
            Create an account
          </Link>
        </p>
      </AuthCard>
    );
  }
  return <SignedInInvitation token={token} />;
}

function SignedInInvitation({ token }: { token: string }) {
  const { invitation, me, error, accept, accepting } = useInvitationPreview(token, false);
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const wrongPerson = invitation?.email && me && invitation.email.toLowerCase() !== me.email.toLowerCase();

  const onAccept = async () => {
    setProblem(null);
    try {
      const team = await accept();
      setActingTeam({ id: team.id, name: team.name });
      void navigate('/team/members');
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure), INVITATION_WORDING));
    }
  };

  return (
    <AuthCard title="Join a team" subtitle="An invitation to share a team’s credits on Tollgate." footer={<Link to="/">Not now: go to the dashboard</Link>}>
      {error && !invitation && <Alert testId="invite-problem">{describeProblem(problemFromError(error), INVITATION_WORDING)}</Alert>}
      {!error && !invitation && <p className="muted">Loading the invitation…</p>}
      {invitation && (
        <div className="stack" data-testid="invite-preview" data-team={invitation.teamId}>
          <p>
            <strong>{invitation.invitedByEmail}</strong> invites you to join <strong data-testid="invite-team-name">{invitation.teamName}</strong> as{' '}
            <span data-testid="invite-role">{roleWord(invitation.role)}</span>.
          </p>
          <p className="muted">
            {invitation.email ? `For ${invitation.email} only. ` : ''}Expires {formatDateTime(invitation.expiresAt)}.
          </p>
          {wrongPerson && (
            <Alert tone="warning" testId="invite-wrong-person">
              This invitation is for {invitation.email}, and you are signed in as {me.email}. Sign out and sign in as {invitation.email} to accept it.
            </Alert>
          )}
          {problem && <Alert testId="invite-accept-problem">{problem}</Alert>}
          <div>
            <button
              type="button"
              className="button button-primary"
              disabled={accepting || !!wrongPerson}
              onClick={() => void onAccept()}
              data-testid="accept-invitation"
            >
              {accepting ? 'Joining…' : `Accept and join ${invitation.teamName}`}
            </button>
          </div>
        </div>
      )}
    </AuthCard>
  );
}
