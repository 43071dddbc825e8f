import type { SpendPeriod } from '../gql/graphql';
import { Credits } from '../ui/Credits';
import { formatDateTime } from '../ui/format-date';
import { CapMeter, type CapSpendView } from './CapMeter';
import { periodLabel } from './key-limits';

export interface KeyLimitsView {
  cap: { limit: string; period: SpendPeriod } | null;
  capSpend: CapSpendView | null;
  expiresAt: string | null;
  allowedModels: readonly string[] | null;
}

/** A key's limits in its row: the cap's meter, the expiry, the models it may call. */
export function KeyLimitsCell({ limits: l, now, expired }: { limits: KeyLimitsView; now: Date; expired: boolean }) {
  return (
    <td data-label="Limits" className="key-limits-cell">
      <div className="stack-tight">
        {l.capSpend ? (
          <CapMeter capSpend={l.capSpend} now={now} testId="key-cap-meter" />
        ) : l.cap ? (
          // A revoked key has a cap but no current spend to measure.
          <span>
            Cap <Credits value={l.cap.limit} usd={false} /> {periodLabel(l.cap.period)}
          </span>
        ) : (
          <span className="muted" data-testid="key-no-cap">
            No spend cap
          </span>
        )}
        <span className={expired ? 'cap-full' : 'muted'} data-testid="key-expiry">
          {l.expiresAt ? `${expired ? 'Expired' : 'Expires'} ${formatDateTime(l.expiresAt)}` : 'Never expires'}
        </span>
        <span className="muted" data-testid="key-models-summary">
          {l.allowedModels === null ? (
            'Every allowed model'
          ) : (
            <>
              Only{' '}
              {l.allowedModels.map((model, index) => (
                <span key={model}>
                  {index > 0 && ', '}
                  <code>{model}</code>
                </span>
              ))}
            </>
          )}
        </span>
      </div>
    </td>
  );
}
