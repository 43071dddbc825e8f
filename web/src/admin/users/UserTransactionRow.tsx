import { TRANSACTION_TYPE_LABELS } from '../../transactions/transaction-types';
import { TimeCell } from '../../ui/TimeCell';
import { formatCredits } from '../../ui/format-money';
import { stillRefundable } from './refundable';
import type { UserTransaction } from './useUserTransactions';

interface Props {
  transaction: UserTransaction;
  refunded: ReadonlyMap<string, bigint>;
  onRefund: (spend: UserTransaction, refundable: string) => void;
}

/** One ledger entry of the user, with the Refund action on a spend that still has something to give back. */
export function UserTransactionRow({ transaction: t, refunded, onRefund }: Props) {
  const left = stillRefundable(t, refunded);
  return (
    <tr data-testid="transaction-row" data-id={t.id} data-type={t.type} data-amount={t.amount} data-refundable={left ?? undefined}>
      <TimeCell label="When" at={t.createdAt} />
      <td data-label="Type">{TRANSACTION_TYPE_LABELS[t.type] ?? t.type}</td>
      <td data-label="Description" className="user-cell-wrap">
        {t.description}
      </td>
      <td data-label="Amount" className="num" title={`${t.amount} credits`}>
        {formatCredits(t.amount)}
      </td>
      <td data-label="Balance after" className="num" title={`${t.balanceAfter} credits`}>
        {formatCredits(t.balanceAfter)}
      </td>
      <td className="cell-actions">
        {left !== null && <RefundAction left={left} partly={refunded.has(t.id)} description={t.description} onRefund={() => onRefund(t, left)} />}
      </td>
    </tr>
  );
}

interface RefundActionProps {
  /** What is left to refund of the spend. */
  left: string;
  /** Some of it has been refunded already. */
  partly: boolean;
  description: string;
  onRefund: () => void;
}

/** The Refund button, or a badge once the spend has been given back in full. */
function RefundAction({ left, partly, description, onRefund }: RefundActionProps) {
  if (/^0\.0+$/.test(left)) {
    return (
      <span className="badge badge-muted" data-testid="refunded-badge">
        refunded
      </span>
    );
  }
  return (
    <span className="row-actions">
      {partly && (
        <span className="badge badge-muted" title={`${left} credits can still be refunded`}>
          part refunded
        </span>
      )}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={onRefund}
        aria-label={`Refund: ${description}`}
        title={`Up to ${left} credits`}
        data-testid="refund-action"
      >
        Refund
      </button>
    </span>
  );
}
