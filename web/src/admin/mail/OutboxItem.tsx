import { formatDateTime } from '../../ui/format-date';
import { MailText } from './MailText';
import type { OutboxMail } from './useAdminOutbox';

const STATUS: Record<string, { label: string; tone: string }> = {
  sent: { label: 'Sent', tone: 'ok' },
  failed: { label: 'Failed', tone: 'bad' },
  suppressed: { label: 'Not sent (turned off)', tone: 'muted' },
};

/** One mail: to whom, what kind, whether it went, and its text with working links. */
export function OutboxItem({ mail, onFilter }: { mail: OutboxMail; onFilter: (to: string) => void }) {
  const status = STATUS[mail.status] ?? { label: mail.status, tone: 'muted' };
  return (
    <li className="outbox-item" data-testid="outbox-mail" data-kind={mail.kind} data-status={mail.status}>
      <div className="outbox-head">
        <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt)}</time>
        <button type="button" className="button button-link" onClick={() => onFilter(mail.to)} title="Only mail to this address">
          {mail.to}
        </button>
        <span className="outbox-kind">{mail.kind.replace(/_/g, ' ')}</span>
        <span className={`outbox-status outbox-status-${status.tone}`}>{status.label}</span>
        {mail.status === 'sent' && mail.transport === 'outbox' && <span className="muted">kept here (no SMTP_URL)</span>}
      </div>
      <details>
        <summary className="outbox-subject">{mail.subject}</summary>
        {mail.error && <p className="outbox-error">The mail server answered: {mail.error}</p>}
        <MailText text={mail.text} />
      </details>
    </li>
  );
}
