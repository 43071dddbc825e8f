import { Link } from 'react-router';
import { TimeCell } from '../../ui/TimeCell';
import { changedKeys, prettyJson } from './audit-json';
import type { AuditEntry } from './useAdminAuditLog';

interface Props {
  entry: AuditEntry;
  expanded: boolean;
  onToggle: () => void;
  /** Filters the log on a value of this row (an action, an actor, a target). */
  onFilter: (filter: { action?: string; actorId?: string; targetId?: string }) => void;
}

const COLUMN_COUNT = 6;

/** A UUID's first block (the whole id in the hover and the link); other ids as they are. */
const shortId = (id: string) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id);

/** One action, and once expanded, its state before and after side by side. */
export function AuditRow({ entry, expanded, onToggle, onFilter }: Props) {
  const changed = changedKeys(entry.before, entry.after);
  const detailsId = `audit-details-${entry.id}`;
  return (
    <>
      <tr data-testid="audit-row" data-action={entry.action} data-target-id={entry.targetId ?? ''}>
        <TimeCell label="When" at={entry.createdAt} />
        <td data-label="Action">
          <button type="button" className="button button-link" onClick={() => onFilter({ action: entry.action })} title="Only this action">
            {entry.action}
          </button>
        </td>
        <td data-label="Admin" className="user-cell-wrap">
          {entry.actorId ? (
            <button type="button" className="button button-link" onClick={() => onFilter({ actorId: entry.actorId! })} title="Only this admin's actions">
              {entry.actorEmail}
            </button>
          ) : (
            <span className="muted">{entry.actorEmail || 'system'}</span>
          )}
        </td>
        <td data-label="Target" className="user-cell-wrap">
          {entry.targetType}
          {entry.targetId && (
            <>
              {' '}
              {entry.targetType === 'user' ? (
                <Link to={`/admin/users/${entry.targetId}`} title={entry.targetId}>
                  <code>{shortId(entry.targetId)}</code>
                </Link>
              ) : (
                <code title={entry.targetId}>{shortId(entry.targetId)}</code>
              )}{' '}
              <button
                type="button"
                className="button button-link audit-filter-link"
                onClick={() => onFilter({ targetId: entry.targetId! })}
                title="Only actions on this target"
                aria-label={`Only actions on ${entry.targetType} ${entry.targetId}`}
              >
                filter
              </button>
            </>
          )}
        </td>
        <td data-label="Summary" className="user-cell-wrap" data-testid="audit-summary">
          {entry.summary}
        </td>
        <td className="cell-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-controls={detailsId}
            data-testid="audit-toggle"
          >
            {expanded ? 'Hide' : 'Details'}
          </button>
        </td>
      </tr>
      {expanded && (
        <tr className="audit-details-row" id={detailsId} data-testid="audit-details">
          <td colSpan={COLUMN_COUNT}>
            {changed.length > 0 && (
              <p className="muted">
                Changed:{' '}
                {changed.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ', '}
                    <code>{key}</code>
                  </span>
                ))}
              </p>
            )}
            {entry.args && (
              <details className="audit-args">
                <summary>Called with</summary>
                <pre data-testid="audit-args">{prettyJson(entry.args)}</pre>
              </details>
            )}
            <div className="audit-diff">
              <JsonPane title="Before" text={entry.before} testId="audit-before" none="Nothing (the action created it)" />
              <JsonPane title="After" text={entry.after} testId="audit-after" none="Nothing (the action removed it)" />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

function JsonPane({ title, text, testId, none }: { title: string; text: string | null; testId: string; none: string }) {
  const pretty = prettyJson(text);
  return (
    <figure className="audit-pane">
      <figcaption>{title}</figcaption>
      {pretty == null ? <p className="muted">{none}</p> : <pre data-testid={testId}>{pretty}</pre>}
    </figure>
  );
}
