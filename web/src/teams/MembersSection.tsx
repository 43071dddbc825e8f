import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ConfirmActionDialog } from '../ui/ConfirmActionDialog';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { CapEditorDialog, type CapTarget } from './CapEditorDialog';
import { MemberRow, type MemberRowData } from './MemberRow';
import { TEAM_WORDING } from './team-wording';
import type { ApiTeamRole } from './team-roles';
import { useTeamMembers } from './useTeamMembers';

const COLUMNS: DataColumn[] = [{ label: 'Member' }, { label: 'Role' }, { label: 'Joined' }, { label: 'Spend cap' }, { label: 'Actions', hiddenLabel: true }];

interface Props {
  team: { id: string; name: string; myRole: ApiTeamRole };
  myUserId: string;
}

/** The members table: roles, joined dates, caps with this period's spend, and the managers' actions. */
export function MembersSection({ team, myUserId }: Props) {
  const data = useTeamMembers(team.id);
  const [problem, setProblem] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<MemberRowData | null>(null);
  const [capTarget, setCapTarget] = useState<CapTarget | null>(null);
  const now = new Date();
  const caps = new Map((data.caps ?? []).map((row) => [row.userId, row]));

  const changeRole = async (member: MemberRowData, role: ApiTeamRole) => {
    setProblem(null);
    try {
      await data.changeRole(member.userId, role);
    } catch (error) {
      setProblem(describeProblem(problemFromError(error)));
    }
  };

  return (
    <section className="team-section" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {problem && <Alert testId="members-problem">{problem}</Alert>}
      {data.error && !data.members && <Alert>{describeProblem(problemFromError(data.error), TEAM_WORDING)}</Alert>}
      {data.capsError && !data.caps && <Alert tone="warning">Spend caps could not be loaded: {describeProblem(problemFromError(data.capsError))}</Alert>}
      {data.loading && !data.members && <p className="muted">Loading members…</p>}
      {data.members && (
        <DataTable
          columns={COLUMNS}
          rows={data.members}
          rowKey={(member) => member.userId}
          testId="members-table"
          renderRow={(member) => (
            <MemberRow
              member={member}
              cap={caps.get(member.userId)}
              myRole={team.myRole}
              self={member.userId === myUserId}
              now={now}
              pending={data.changing}
              onChangeRole={(role) => void changeRole(member, role)}
              onRemove={() => setToRemove(member)}
              onEditCap={() => setCapTarget({ userId: member.userId, email: member.email, cap: caps.get(member.userId)?.cap ?? null })}
            />
          )}
        />
      )}
      <ConfirmActionDialog
        open={toRemove !== null}
        title="Remove this member?"
        confirmLabel="Remove member"
        pending={data.removing}
        action={() => (toRemove ? data.remove(toRemove.userId) : Promise.resolve())}
        onClose={() => setToRemove(null)}
      >
        {toRemove && (
          <p>
            <strong>{toRemove.email}</strong> loses access to {team.name} at once, and their API keys on the team are revoked.
          </p>
        )}
      </ConfirmActionDialog>
      {capTarget && (
        <CapEditorDialog target={capTarget} pending={data.settingCap} onSave={(cap) => data.setCap(capTarget.userId, cap)} onClose={() => setCapTarget(null)} />
      )}
    </section>
  );
}
