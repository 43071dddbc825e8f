import { displayCredits } from '../credits/money';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { TimeCell } from '../ui/TimeCell';
import { paymentAmount, paymentKindLabel, paymentStatus, safeExternalUrl } from './payment-format';

export const PaymentRowFragment = graphql(`
  fragment PaymentRow_Payment on Payment {
    id
    kind
    status
    amountUsd
    credits
    packageCode
    createdAt
    receiptUrl
    testMode
  }
`);

const STATUS_BADGE = { ok: 'badge-success', pending: 'badge-warning', bad: 'badge-danger', neutral: 'badge-muted' } as const;

export function PaymentRow({ payment: masked }: { payment: FragmentType<typeof PaymentRowFragment> }) {
  const payment = getFragmentData(PaymentRowFragment, masked);
  const status = paymentStatus(payment.status);
  const receipt = safeExternalUrl(payment.receiptUrl);
  return (
    <tr data-testid="payment-row" data-id={payment.id} data-status={payment.status} data-kind={payment.kind} data-credits={payment.credits}>
      <TimeCell label="Date" at={payment.createdAt} />
      <td data-label="What">
        {paymentKindLabel(payment.kind)}
        {payment.packageCode && <span className="muted"> · {payment.packageCode}</span>}
        {payment.testMode && (
          <span className="badge badge-test" title="Paid through the test checkout: no money moved" data-testid="payment-test">
            test
          </span>
        )}
      </td>
      <td data-label="Status">
        <span className={`badge ${STATUS_BADGE[status.tone]}`} data-testid="payment-status">
          {status.label}
        </span>
      </td>
      <td data-label="Amount" className="num">
        {paymentAmount(payment.amountUsd)}
      </td>
      <td data-label="Credits" className="num" data-testid="payment-credits">
        {displayCredits(payment.credits)}
      </td>
      <td data-label="Receipt" data-testid="payment-receipt">
        {receipt ? (
          <a href={receipt} target="_blank" rel="noopener noreferrer">
            Receipt
          </a>
        ) : (
          <span className="muted">{payment.testMode ? 'None (test)' : 'Not issued yet'}</span>
        )}
      </td>
    </tr>
  );
}
