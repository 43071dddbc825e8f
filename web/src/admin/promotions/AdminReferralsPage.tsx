import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { displayCredits } from '../../credits/money';
import { Alert } from '../../ui/Alert';
import { DataTable } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { PromotionSettingsForm } from './PromotionSettingsForm';
import { useAdminReferrals } from './useAdminReferrals';
import '../../promotions/promotions.css';

const COLUMNS = [
  { label: 'Referrer' },
  { label: 'Referred' },
  { label: 'Status' },
  { label: 'Flags', title: 'Signs of one person on both sides: the bonus is still paid, look before trusting it' },
  { label: 'Bonuses', numeric: true, title: 'Both sides together' },
  { label: 'Signed up' },
  { label: 'Rewarded' },
];

const FLAG_TEXT: Record<string, string> = { SAME_IP: 'Same IP address', SAME_EMAIL_DOMAIN: 'Same email domain' };
const REFUSED_TEXT: Record<string, string> = { SELF_REFERRAL: 'self-referral', SAME_DOMAIN: 'same email domain' };

/** Admin: who referred whom, what was paid, and which referrals look like one person on both sides. */
export function AdminReferralsPage() {
  const { referrals, error } = useAdminReferrals();
  return (
    <section className="page promotions-page">
      <h1>Referrals</h1>
      <p className="muted">
        Both sides get their bonus once, after the referred user&apos;s first payment. Bonus amounts and the gift and referral rules are set below.
      </p>
      <PromotionSettingsForm />
      <h2>Referrals</h2>
      {error && !referrals && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!referrals && !error && <p className="muted">Loading referrals…</p>}
      {referrals && (
        <DataTable
          columns={COLUMNS}
          rows={referrals}
          rowKey={(row) => `${row.referrerEmail}>${row.referredEmail}`}
          testId="referral-table"
          empty={{ message: 'Nobody has signed up with a referral link yet.', testId: 'referrals-empty' }}
          renderRow={(row) => (
            <tr data-testid="referral-row" data-status={row.status} data-flagged={String(row.flagged)}>
              <td data-label="Referrer">{row.referrerEmail}</td>
              <td data-label="Referred">{row.referredEmail}</td>
              <td data-label="Status">
                {row.status}
                {row.refusedReason && <div className="muted">{REFUSED_TEXT[row.refusedReason] ?? row.refusedReason}</div>}
              </td>
              <td data-label="Flags">
                {row.flagged ? row.flagReasons.map((flag) => FLAG_TEXT[flag] ?? flag).join(', ') : <span className="muted">None</span>}
              </td>
              <td data-label="Bonuses" className="num">
                {displayCredits(row.bonusCredits)}
              </td>
              <TimeCell label="Signed up" at={row.createdAt} />
              <TimeCell label="Rewarded" at={row.rewardedAt} none="Not yet" />
            </tr>
          )}
        />
      )}
    </section>
  );
}
