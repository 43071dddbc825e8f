import { TimeCell } from '../ui/TimeCell';
import { MemberCap, type MemberCapData } from './MemberCap';
import { assignableRoles, canRemove, roleWord, type ApiTeamRole } from './team-roles';

export interface MemberRowData {
  userId: string;
  email: string;
  role: ApiTeamRole;
  joinedAt: string;
}

interface Props {
  member: MemberRowData;
  /** The member's cap and spend; absent for a member's view of the others (the server shows a member only their own). */
  cap: MemberCapData | undefined;
  myRole: ApiTeamRole;
  self: boolean;
  now: Date;
  pending: boolean;
  onChangeRole: (role: ApiTeamRole) => void;
  onRemove: () => void;
  onEditCap: () => void;
}

export function MemberRow({ member, cap, myRole, self, now, pending, onChangeRole, onRemove, onEditCap }: Props) {
  const roles = assignableRoles(myRole, member.role);
  const manager = myRole !== 'MEMBER';
  return (
    <tr data-testid="member-row" data-email={member.email} data-role={member.role}>
      <td data-label="Member">
        {member.email}
        {self && <span className="muted"> (you)</span>}
      </td>
      <td data-label="Role">
        {roles.length > 0 ? (
          <select
            className="team-role-select"
            aria-label={`Role of ${member.email}`}
            value={member.role}
            disabled={pending}
            onChange={(event) => onChangeRole(event.target.value as ApiTeamRole)}
            data-testid="member-role-select"
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleWord(role)}
              </option>
            ))}
          </select>
        ) : (
          <span className="badge badge-muted" data-testid="member-role">
            {roleWord(member.role)}
          </span>
        )}
      </td>
      <TimeCell label="Joined" at={member.joinedAt} />
      <td data-label="Spend cap">{cap ? <MemberCap data={cap} now={now} /> : <span className="muted">—</span>}</td>
      <td className="cell-actions">
        {manager && cap && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={onEditCap}
            aria-label={`Edit cap of ${member.email}`}
            data-testid="edit-member-cap"
          >
            Edit cap
          </button>
        )}{' '}
        {canRemove(myRole, member.role, self) && (
          <button
            type="button"
            className="button button-danger-ghost button-small"
            onClick={onRemove}
            aria-label={`Remove ${member.email}`}
            data-testid="remove-member"
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
