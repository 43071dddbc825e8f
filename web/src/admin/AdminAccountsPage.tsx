import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { Pager } from '../ui/Pager';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { AccountTable } from './AccountTable';
import { CreditActionDialog, type CreditActionTarget } from './CreditActionDialog';
import { ACCOUNTS_PAGE_SIZE, useAdminAccounts } from './useAdminAccounts';
import './admin.css';

const SEARCH_DELAY_MS = 300;

export function AdminAccountsPage() {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const { connection, stale, pager, loading, error } = useAdminAccounts(settled);
  // The dialog mounts on every opening (and unmounts on close): a fresh form and idempotency key each time.
  const [action, setAction] = useState<CreditActionTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="page">
      <h1>Accounts</h1>
      <p className="muted">Find an account by email (a team's by its name) to see its balance, or to grant, deduct or refund credit.</p>

      <div className="field account-search">
        <label htmlFor="account-search">Search by email or team name</label>
        <input
          id="account-search"
          type="search"
          placeholder="e.g. ann@example.com"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="account-search"
        />
      </div>

      {notice && (
        <div className="alert alert-info notice" role="status" data-testid="credit-action-notice">
          {notice}{' '}
          <button type="button" className="button button-link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading accounts…</p>}
      {connection && (
        <>
          <AccountTable
            accounts={connection.nodes}
            busy={loading}
            onAction={(target) => {
              setNotice(null);
              setAction(target);
            }}
          />
          <Pager
            pager={pager}
            pageSize={ACCOUNTS_PAGE_SIZE}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            endCursor={connection.pageInfo.endCursor}
            hasNextPage={connection.pageInfo.hasNextPage}
            noun="accounts"
            stale={stale}
          />
        </>
      )}

      {action && (
        <CreditActionDialog
          target={action}
          onClose={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            setNotice(message);
          }}
        />
      )}
    </section>
  );
}
