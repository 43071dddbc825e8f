import { lazy, Suspense } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { displayCount } from '../models/format';
import { Alert } from '../ui/Alert';
import { Credits } from '../ui/Credits';
import { DataTable, type DataColumn } from '../ui/DataTable';
import type { MemberPoint } from './member-usage';
import type { UsageRange } from './usage-range';
import { useUsageByMember } from './useUsageByMember';

const SpendByMemberChart = lazy(() => import('./charts/SpendByMemberChart'));

const COLUMNS: DataColumn[] = [
  { label: 'Member' },
  { label: 'Requests', numeric: true },
  { label: 'Tokens', numeric: true },
  { label: 'Credits charged', numeric: true },
];

interface Props {
  range: UsageRange;
  teamName: string;
  /** A member sees their own line only (the server sends no other). */
  memberOnly: boolean;
}

/** The team's usage by member over the page's range: a table, and for owners and admins a chart. */
export function MemberUsageSection({ range, teamName, memberOnly }: Props) {
  const { members, error, stale } = useUsageByMember(range, true);
  return (
    <section className="member-usage" aria-labelledby="member-usage-title" data-testid="usage-by-member">
      <h2 id="member-usage-title">{memberOnly ? `Your usage on ${teamName}` : 'By member'}</h2>
      <p className="muted">
        {memberOnly
          ? 'As a member you see your own line; the team’s owners and admins see everyone’s.'
          : 'Who spent the team’s credit over these days, attributed to the person behind each call or key.'}
      </p>
      {error && !members && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!members && !error && <p className="muted">Loading usage by member…</p>}
      {members && (
        <div className={stale ? 'is-busy' : undefined}>
          <MemberUsageTable members={members} />
          {!memberOnly && members.length > 0 && (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <SpendByMemberChart points={members} />
            </Suspense>
          )}
        </div>
      )}
    </section>
  );
}

export function MemberUsageTable({ members }: { members: readonly MemberPoint[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={members}
      rowKey={(member) => member.key}
      testId="member-usage-table"
      empty={{ message: 'No usage by any member in this range.', testId: 'member-usage-empty' }}
      renderRow={(member) => (
        <tr data-testid="member-usage-row" data-member={member.label} data-cost={member.cost} data-requests={member.requests}>
          <td data-label="Member">{member.label}</td>
          <td data-label="Requests" className="num">
            {displayCount(member.requests)}
          </td>
          <td data-label="Tokens" className="num">
            {displayCount(member.tokens)}
          </td>
          <td data-label="Credits charged" className="num">
            <Credits value={member.cost} unit={false} />
          </td>
        </tr>
      )}
    />
  );
}
