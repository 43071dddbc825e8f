import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { displayUsd } from '../../models/format';
import { Alert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format-date';
import { Modal } from '../../ui/Modal';
import { priceVersionStatuses, type PriceVersionStatus } from './price-history';
import { usePriceHistory } from './usePriceHistory';

interface Props {
  model: { id: string; displayName: string };
  onClose: () => void;
}

const STATUS_BADGES = { scheduled: 'badge-warning', current: 'badge-success', past: 'badge-muted' } as const;

/** Every price version of a model, newest first: which is in force, which are scheduled, where each came from. */
export function PriceHistoryDialog({ model, onClose }: Props) {
  const { versions, error } = usePriceHistory(model.id);
  const [now] = useState(() => new Date());
  const statuses = versions ? priceVersionStatuses(versions, now) : new Map<string, PriceVersionStatus>();
  return (
    <Modal title={`Price history: ${model.displayName}`} onClose={onClose} testId="price-history-dialog">
      <div className="dialog-body">
        {error && !versions && <Alert>{describeProblem(problemFromError(error))}</Alert>}
        {!versions && !error && <p className="muted">Loading…</p>}
        {versions && (
          <ol className="price-history" data-testid="price-history">
            {versions.map((version) => {
              const status = statuses.get(version.id) ?? 'past';
              return (
                <li
                  key={version.id}
                  className="price-version"
                  data-testid="price-version"
                  data-status={status}
                  data-input={version.inputUsdPerMTok}
                  data-output={version.outputUsdPerMTok}
                >
                  <div className="price-version-head">
                    <span className={`badge ${STATUS_BADGES[status]}`}>{status === 'current' ? 'in force' : status}</span>
                    <span>from {formatDateTime(version.effectiveFrom)}</span>
                  </div>
                  <div className="price-version-figures">
                    in {displayUsd(version.inputUsdPerMTok)} · out {displayUsd(version.outputUsdPerMTok)}
                    {version.cachedInputUsdPerMTok && <> · cached {displayUsd(version.cachedInputUsdPerMTok)}</>}
                  </div>
                  <div className="muted price-version-source">
                    {version.source === 'admin' ? 'Set by an admin' : version.source}, {formatDateTime(version.createdAt)}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose} autoFocus data-testid="price-history-close">
          Close
        </button>
      </div>
    </Modal>
  );
}
