import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CsvButton } from '../../ui/CsvButton';
import { Pager } from '../../ui/Pager';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { USER_CSV_COLUMNS, UserTable } from './UserTable';
import { USERS_PAGE_SIZE, useAdminUsers } from './useAdminUsers';
import '../admin.css';
import './users.css';

const SEARCH_DELAY_MS = 300;

/** Find a user by a part of their email or by their id; each row opens the user's page. */
export function AdminUsersPage() {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const { connection, stale, pager, loading, error } = useAdminUsers(settled);

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">Search by email or user id, then open a user to see their money, usage and keys.</p>
        </div>
        {connection && <CsvButton filename="users.csv" rows={connection.nodes} columns={USER_CSV_COLUMNS} />}
      </div>

      <div className="field account-search">
        <label htmlFor="user-search">Email or user id</label>
        <input
          id="user-search"
          type="search"
          placeholder="e.g. ann@example.com"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="user-search"
        />
      </div>

      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading users…</p>}
      {connection && (
        <>
          <UserTable users={connection.nodes} busy={loading} />
          <Pager
            pager={pager}
            pageSize={USERS_PAGE_SIZE}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            endCursor={connection.pageInfo.endCursor}
            hasNextPage={connection.pageInfo.hasNextPage}
            noun="users"
            stale={stale}
          />
        </>
      )}
    </section>
  );
}
