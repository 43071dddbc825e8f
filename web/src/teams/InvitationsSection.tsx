import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { TimeCell } from '../ui/TimeCell';
import { InvitationLinkPanel } from './InvitationLinkPanel';
import { InviteForm } from './InviteForm';
import { roleWord } from './team-roles';
import { useInvitations, type CreatedInvitation } from './useInvitations';

const COLUMNS: DataColumn[] = [{ label: 'Invited' }, { label: 'Role' }, { label: 'Invited by' }, { label: 'Expires' }, { label: 'Actions', hiddenLabel: true }];

/** Owners and admins: invite by email or link, and the pending invitations, each revocable. */
export function InvitationsSection({ teamId }: { teamId: string }) {
  const data = useInvitations(teamId, false);
  // Component state only: the link is gone for good once dismissed or the screen is left.
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [toRevoke, setToRevoke] = useState<{ id: string; label: string } | null>(null);
  const pending = (data.invitations ?? []).filter((invitation) => invitation.status === 'pending');

  return (
    <section className="team-section" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      {created && <InvitationLinkPanel created={created} onDismiss={() => setCreated(null)} />}
      <InviteForm pending={data.inviting} onInvite={async (email, role) => setCreated(await data.invite(email, role))} />
      <h3>Pending invitations</h3>
      {data.error && !data.invitations && <Alert>{describeProblem(problemFromError(data.error))}</Alert>}
      {data.invitations && (
        <DataTable
          columns={COLUMNS}
          rows={pending}
          rowKey={(invitation) => invitation.id}
          testId="invitations-table"
          empty={{ message: 'No pending invitations.', testId: 'invitations-empty' }}
          renderRow={(invitation) => {
            const label = invitation.email ?? 'Link';
            return (
              <tr data-testid="invitation-row" data-email={invitation.email ?? ''}>
                <td data-label="Invited">{invitation.email ?? <span className="muted">Anyone with the link</span>}</td>
                <td data-label="Role">{roleWord(invitation.role)}</td>
                <td data-label="Invited by">{invitation.invitedByEmail}</td>
                <TimeCell label="Expires" at={invitation.expiresAt} />
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-danger-ghost button-small"
                    onClick={() => setToRevoke({ id: invitation.id, label })}
                    aria-label={`Revoke invitation: ${label}`}
                    data-testid="revoke-invitation"
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            );
          }}
        />
      )}
      <ConfirmActionDialog
        open={toRevoke !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        pending={data.revoking}
        action={() => (toRevoke ? data.revoke(toRevoke.id) : Promise.resolve())}
        onClose={() => setToRevoke(null)}
      >
        <p>Its link stops working at once. You can invite again later.</p>
      </ConfirmActionDialog>
    </section>
  );
}
