import { displayCredits } from '../credits/money';
import { DataTable } from '../ui/DataTable';
import { TimeCell } from '../ui/TimeCell';
import type { ReceivedGift, SentGift } from './useGifts';

const STATUS_TEXT: Record<string, string> = { PENDING: 'Waiting to be claimed', CLAIMED: 'Claimed', RETURNED: 'Returned to sender' };

const SENT_COLUMNS = [{ label: 'To' }, { label: 'Credits', numeric: true }, { label: 'Status' }, { label: 'Sent' }, { label: 'Returns if unclaimed' }];
const RECEIVED_COLUMNS = [{ label: 'From' }, { label: 'Credits', numeric: true }, { label: 'Message' }, { label: 'Received' }];

export function SentGifts({ gifts }: { gifts: readonly SentGift[] }) {
  return (
    <DataTable
      columns={SENT_COLUMNS}
      rows={gifts}
      rowKey={(gift) => gift.id}
      testId="gifts-sent"
      empty={{ message: 'You have not sent any gifts.', testId: 'gifts-sent-empty' }}
      renderRow={(gift) => (
        <tr data-testid="gift-sent-row" data-status={gift.status} data-credits={gift.credits}>
          <td data-label="To">{gift.recipientEmail}</td>
          <td data-label="Credits" className="num">
            {displayCredits(gift.credits)}
          </td>
          <td data-label="Status">
            {STATUS_TEXT[gift.status] ?? gift.status}
            {gift.claimUrl && (
              <>
                <br />
                <code className="muted">{gift.claimUrl}</code>
              </>
            )}
          </td>
          <TimeCell label="Sent" at={gift.createdAt} />
          <TimeCell label="Returns if unclaimed" at={gift.status === 'PENDING' ? gift.expiresAt : null} none="—" />
        </tr>
      )}
    />
  );
}

export function ReceivedGifts({ gifts }: { gifts: readonly ReceivedGift[] }) {
  return (
    <DataTable
      columns={RECEIVED_COLUMNS}
      rows={gifts}
      rowKey={(gift) => gift.id}
      testId="gifts-received"
      empty={{ message: 'No gifts received yet.', testId: 'gifts-received-empty' }}
      renderRow={(gift) => (
        <tr data-testid="gift-received-row" data-status={gift.status} data-credits={gift.credits}>
          <td data-label="From">{gift.senderEmail}</td>
          <td data-label="Credits" className="num">
            {displayCredits(gift.credits)}
          </td>
          <td data-label="Message">{gift.message ?? <span className="muted">None</span>}</td>
          <TimeCell label="Received" at={gift.claimedAt ?? gift.createdAt} />
        </tr>
      )}
    />
  );
}
