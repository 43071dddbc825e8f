import { formatDateTime } from '../../ui/format-date';
import type { AdminUserDetail } from './useAdminUser';

export type UserDialog = 'grant' | 'deduct' | 'tier' | 'suspend' | 'reactivate';

interface Props {
  user: AdminUserDetail;
  onOpen: (dialog: UserDialog) => void;
}

/**
 * Who the account holder is (a person, or a team with its billing email and owner), where it stands
 * (tier, suspension), and what the admin can do to it (the same for both: a team can be suspended too).
 */
export function UserHeader({ user, onOpen }: Props) {
  const suspended = user.suspendedAt !== null;
  const button = (dialog: UserDialog, label: string, tone = 'button-secondary') => (
    <button type="button" className={`button ${tone}`} onClick={() => onOpen(dialog)} data-testid={`user-action-${dialog}`}>
      {label}
    </button>
  );
  const team = user.kind === 'team';
  return (
    <div className="page-head user-head" data-kind={user.kind}>
      <div>
        {/* A team is headed by its name: its own email is a synthetic address (team-<id>@teams.invalid). */}
        <h1 className="user-email" data-testid="user-email-heading">
          {team ? user.teamName : user.email}
        </h1>
        <p className="user-tags">
          {team ? (
            <span className="badge" data-testid="user-kind">
              Team
            </span>
          ) : (
            <span className="badge" data-testid="user-role">
              {user.role}
            </span>
          )}
          <span className="badge badge-muted" data-testid="user-tier" data-tier={user.tierCode}>
            tier: {user.tierCode}
          </span>
          {suspended ? (
            <span className="badge badge-danger" data-testid="user-status" data-suspended="true" title={user.suspendedReason ?? undefined}>
              suspended {formatDateTime(user.suspendedAt!)}
            </span>
          ) : (
            <span className="badge badge-success" data-testid="user-status" data-suspended="false">
              active
            </span>
          )}
          <span className="muted">
            <span data-detail>
              id <code>{user.id}</code>
            </span>
            , {team ? 'created' : 'signed up'} {formatDateTime(user.createdAt)}
          </span>
        </p>
        {team && (
          <p className="user-tags muted" data-testid="team-contacts">
            <span>
              Billing email: <span data-testid="team-billing-email">{user.billingEmail ?? '—'}</span>
            </span>
            <span>
              · Owner: <span data-testid="team-owner">{user.ownerEmail ?? 'none'}</span>
            </span>
          </p>
        )}
        {suspended && user.suspendedReason && (
          <p className="muted" data-testid="user-suspended-reason">
            Reason: “{user.suspendedReason}”
          </p>
        )}
      </div>
      <div className="user-actions">
        {button('grant', 'Grant credits')}
        {button('deduct', 'Deduct credits', 'button-danger-ghost')}
        {button('tier', 'Change tier')}
        {suspended ? button('reactivate', 'Reactivate') : button('suspend', 'Suspend', 'button-danger')}
      </div>
    </div>
  );
}
