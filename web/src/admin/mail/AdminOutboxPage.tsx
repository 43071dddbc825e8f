import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { Pager } from '../../ui/Pager';
import { TextField } from '../../ui/TextField';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { OutboxItem } from './OutboxItem';
import { OUTBOX_PAGE_SIZE, useAdminOutbox } from './useAdminOutbox';
import '../admin.css';
import './outbox.css';

const FILTER_DELAY_MS = 300;

/**
 * Every mail Tollgate sent or decided not to send, newest first. Without SMTP_URL this is where
 * mail goes (development): open one to read it and follow its links (a password reset, a gift claim).
 */
export function AdminOutboxPage() {
  const [to, setTo] = useState('');
  const settled = useDebouncedValue(to.trim(), FILTER_DELAY_MS);
  const { connection, stale, pager, loading, error, refetch } = useAdminOutbox(settled);

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Outbox</h1>
          <p className="muted">Every mail sent, failed, or not sent because the user turned it off, newest first. Open one to read it.</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => void refetch()} disabled={loading}>
          Refresh
        </button>
      </div>
      <div className="outbox-filter">
        <TextField
          name="outbox-to"
          label="Recipient"
          type="email"
          placeholder="name@example.com"
          value={to}
          onChange={setTo}
          hint="The whole address, any case."
        />
      </div>
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading the outbox…</p>}
      {connection && connection.nodes.length === 0 && (
        <p className="empty" data-testid="outbox-empty">
          {settled ? 'No mail to this address.' : 'No mail yet.'}
        </p>
      )}
      {connection && connection.nodes.length > 0 && (
        <>
          <ul className={`outbox-list${loading ? ' is-busy' : ''}`} aria-busy={loading} data-testid="outbox-list">
            {connection.nodes.map((mail) => (
              <OutboxItem key={mail.id} mail={mail} onFilter={setTo} />
            ))}
          </ul>
          <Pager
            pager={pager}
            pageSize={OUTBOX_PAGE_SIZE}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            endCursor={connection.pageInfo.endCursor}
            hasNextPage={connection.pageInfo.hasNextPage}
            noun="mail"
            stale={stale}
          />
        </>
      )}
    </section>
  );
}
