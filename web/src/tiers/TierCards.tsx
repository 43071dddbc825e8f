import type { TierAction } from './tier-action';
import { TierActionButton, type TierHandlers } from './TierActionButton';
import type { ComparisonRow, ComparisonTier } from './tier-rows';

interface Props {
  tiers: readonly ComparisonTier[];
  rows: readonly ComparisonRow[];
  actions: readonly TierAction[];
  currentCode: string;
  handlers: TierHandlers;
}

/** The comparison on a phone: one card per tier, the same rows as the table, the user's own card marked. */
export function TierCards({ tiers, rows, actions, currentCode, handlers }: Props) {
  return (
    <ul className="tier-cards" aria-label="Tier comparison" data-testid="tier-cards">
      {tiers.map((tier, i) => (
        <li key={tier.code} className={`card tier-card${tier.code === currentCode ? ' is-current' : ''}`} data-testid="tier-column" data-tier={tier.code}>
          <h2 className="tier-card-head">
            <span>{tier.name}</span>
            {tier.code === currentCode && (
              <span className="badge" data-testid="current-tier-badge">
                Your tier
              </span>
            )}
          </h2>
          <dl className="tier-card-rows">
            {rows.map((row) => (
              <div key={row.key}>
                <dt>{row.label}</dt>
                <dd>{row.cells[i]}</dd>
              </div>
            ))}
          </dl>
          <TierActionButton tier={tier} action={actions[i]!} handlers={handlers} />
        </li>
      ))}
    </ul>
  );
}
