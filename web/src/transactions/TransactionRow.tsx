import { displayCredits, signedMicro } from '../credits/money';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { formatDateTime } from '../ui/format-date';
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
  }
`);

export function TransactionRow({ transaction: masked }: { transaction: FragmentType<typeof TransactionRowFragment> }) {
  const t = getFragmentData(TransactionRowFragment, masked);
  const direction = signedMicro(t.amount) < 0n ? 'debit' : 'credit';
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
          <span data-testid="transaction-description">{t.description}</span>
          {t.reference && <span className="tx-reference muted">{t.reference}</span>}
          <span className="tx-id muted" title="Transaction id: quote it to support, e.g. to ask for a refund">
            {t.id}
          </span>
        </div>
      </td>
      <td data-label="Amount" className="num" title={t.amount}>
        <span className={`tx-amount tx-${direction}`} data-testid="transaction-amount">
          {displayCredits(t.amount, { signed: true })}
        </span>
      </td>
      <td data-label="Balance after" className="num" title={t.balanceAfter}>
        {displayCredits(t.balanceAfter)}
      </td>
    </tr>
  );
}
