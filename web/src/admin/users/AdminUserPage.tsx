import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CreditActionDialog } from '../CreditActionDialog';
import { BalanceCard } from './BalanceCard';
import { EconomicsCard } from './EconomicsCard';
import { GrantsTable } from './GrantsTable';
import { KeysSection } from './KeysSection';
import { PaymentsSection } from './PaymentsSection';
import { ReactivateDialog } from './ReactivateDialog';
import { RefundDialog } from './RefundDialog';
import { SubscriptionCard } from './SubscriptionCard';
import { SuspendDialog } from './SuspendDialog';
import { TierDialog } from './TierDialog';
import { TransactionsSection } from './TransactionsSection';
import { UsageChart } from './UsageChart';
import { UserHeader, type UserDialog } from './UserHeader';
import { refundedBySpend } from './refundable';
import { accountName, useAdminUser } from './useAdminUser';
import type { UserTransaction } from './useUserTransactions';
import { useRefreshUserPage, useUserActions } from './useUserActions';
import '../admin.css';
import '../../usage/usage.css';
import './users.css';

/** /admin/users/:id — one account's (a user's, or a team's) money, usage, keys, and the admin's actions on it. */
export function AdminUserPage() {
  const { id = '' } = useParams();
  return <UserPage key={id} id={id} />;
}

function UserPage({ id }: { id: string }) {
  const { user, usageRange, error } = useAdminUser(id);
  const actions = useUserActions(id);
  const refresh = useRefreshUserPage();
  // Each dialog mounts per opening (fresh form, fresh idempotency key) and unmounts on close.
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const [refunding, setRefunding] = useState<{ spend: UserTransaction; refundable: string } | null>(null);
  // What each spend has had back so far: from the refund grants, which name the spend they refund.
  const refunded = useMemo(() => refundedBySpend(user?.grants ?? []), [user?.grants]);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => {
    setDialog(null);
    setRefunding(null);
  };
  const done = (message: string) => {
    close();
    setNotice(message);
    void refresh();
  };

  if (!user) {
    return (
      <section className="page">
        <p>
          <Link to="/admin/users">← Users</Link>
        </p>
        {error ? (
          <Alert testId="user-error">{describeProblem(problemFromError(error), { NOT_FOUND: 'There is no user with this id.' })}</Alert>
        ) : (
          <p className="muted">Loading the user…</p>
        )}
      </section>
    );
  }

  // A team's account page (the console's Teams list links here) names it and leads back to Teams.
  const team = user.kind === 'team';
  const name = accountName(user);
  return (
    <section className="page user-page" data-testid="admin-user-page" data-user-id={user.id} data-kind={user.kind}>
      <p>{team ? <Link to="/admin/teams">← Teams</Link> : <Link to="/admin/users">← Users</Link>}</p>
      <UserHeader
        user={user}
        onOpen={(next) => {
          setNotice(null);
          setDialog(next);
        }}
      />
      {notice && (
        <div className="alert alert-info notice" role="status" data-testid="user-notice">
          {notice}{' '}
          <button type="button" className="button button-link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}

      <div className="user-grid">
        <BalanceCard user={user} />
        <SubscriptionCard subscription={user.subscription} />
      </div>
      <EconomicsCard economics={user.economics} />
      <UsageChart days={user.usageByDay} range={usageRange} />
      <TransactionsSection
        userId={user.id}
        refunded={refunded}
        onRefund={(spend, refundable) => {
          setNotice(null);
          setRefunding({ spend, refundable });
        }}
      />
      <GrantsTable grants={user.grants} />
      <PaymentsSection userId={user.id} />
      <KeysSection apiKeys={user.apiKeys} providerKeys={user.providerKeys} />

      {(dialog === 'grant' || dialog === 'deduct') && (
        <CreditActionDialog target={{ kind: dialog, userId: user.id, email: name }} onClose={close} onDone={done} />
      )}
      {refunding && <RefundDialog userId={user.id} email={name} {...refunding} onClose={close} onDone={done} />}
      {dialog === 'tier' && <TierDialog email={name} current={user.tierCode} setTier={actions.setTier} onClose={close} onDone={done} />}
      {dialog === 'suspend' && <SuspendDialog email={name} team={team} suspend={actions.suspend} onClose={close} onDone={done} />}
      <ReactivateDialog
        open={dialog === 'reactivate'}
        email={name}
        team={team}
        pending={actions.pending}
        reactivate={actions.reactivate}
        onClose={close}
        onDone={() => setNotice(`${name} is active again.`)}
      />
    </section>
  );
}
