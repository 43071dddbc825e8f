import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CsvButton } from '../../ui/CsvButton';
import { Pager } from '../../ui/Pager';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { TEAM_CSV_COLUMNS, TeamTable } from './TeamTable';
import { TEAMS_PAGE_SIZE, useAdminTeams } from './useAdminTeams';
import '../admin.css';
import '../users/users.css';

const SEARCH_DELAY_MS = 300;

/** Find a team by a part of its name or billing email, or by its id; newest first. */
export function AdminTeamsPage() {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const { connection, stale, pager, loading, error } = useAdminTeams(settled);

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Teams</h1>
          <p className="muted">Shared credit pools: search by name, billing email or team id, then open a team to see its money, usage and keys.</p>
        </div>
        {connection && <CsvButton filename="teams.csv" rows={connection.nodes} columns={TEAM_CSV_COLUMNS} />}
      </div>

      <div className="field account-search">
        <label htmlFor="team-search">Name, billing email or team id</label>
        <input
          id="team-search"
          type="search"
          placeholder="e.g. Acme"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="team-search"
        />
      </div>

      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading teams…</p>}
      {connection && (
        <>
          <TeamTable teams={connection.nodes} busy={loading} />
          <Pager
            pager={pager}
            pageSize={TEAMS_PAGE_SIZE}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            endCursor={connection.pageInfo.endCursor}
            hasNextPage={connection.pageInfo.hasNextPage}
            noun="teams"
            stale={stale}
          />
        </>
      )}
    </section>
  );
}
