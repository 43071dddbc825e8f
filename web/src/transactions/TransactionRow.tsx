import { Link } from 'react-router';
import { signedMicro } from '../credits/money';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { Credits } from '../ui/Credits';
import { formatDateTime } from '../ui/format-date';
import { CopyIdButton } from './CopyIdButton';
import { readableDescription, referenceView } from './reference';
import { TRANSACTION_TYPE_LABELS } from './transaction-types';

export const TransactionRowFragment = graphql(`
  fragment TransactionRow_CreditTransaction on CreditTransaction {
    id
    type
    amount
    balanceAfter
    description
    reference
    createdAt
    memberEmail
    apiKeyName
  }
`);

interface Props {
  transaction: FragmentType<typeof TransactionRowFragment>;
  /** Acting for a team: who made each entry and with which key. */
  showAttribution: boolean;
}

export function TransactionRow({ transaction: masked, showAttribution }: Props) {
  const t = getFragmentData(TransactionRowFragment, masked);
  const direction = signedMicro(t.amount) < 0n ? 'debit' : 'credit';
  const reference = referenceView(t.reference, t.createdAt);
  return (
    <tr data-testid="transaction-row" data-id={t.id} data-type={t.type} data-amount={t.amount}>
      <td data-label="Date">
        <time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time>
      </td>
      <td data-label="Type">
        <span className={`badge tx-type tx-type-${direction}`}>{TRANSACTION_TYPE_LABELS[t.type]}</span>
      </td>
      <td data-label="Description" className="tx-description">
        {/* One child: the phone layout puts each cell's content in a single grid column. */}
        <div>
          <span data-testid="transaction-description">{readableDescription(t.description)}</span>
          {reference && (
            <span className="tx-reference muted" title={t.reference ?? undefined} data-testid="transaction-reference">
              {reference.label}
              {reference.to && (
                <>
                  {' · '}
                  <Link to={reference.to}>{reference.linkText}</Link>
                </>
              )}
            </span>
          )}
          <CopyIdButton id={t.id} />
        </div>
      </td>
      {showAttribution && (
        <>
          <td data-label="Member" data-testid="transaction-member">
            {t.memberEmail ?? <span className="muted">—</span>}
          </td>
          <td data-label="Key" data-testid="transaction-key">
            {t.apiKeyName ?? <span className="muted">—</span>}
          </td>
        </>
      )}
      <td data-label="Amount" className="num">
        <Credits value={t.amount} signed unit={false} className={`tx-amount tx-${direction}`} testId="transaction-amount" />
      </td>
      <td data-label="Balance after" className="num">
        <Credits value={t.balanceAfter} kind="balance" unit={false} usd={false} />
      </td>
    </tr>
  );
}
