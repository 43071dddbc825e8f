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

/** Tiers side by side, one column each, the user's own highlighted. Scrolls sideways inside its box if the window is narrow. */
export function TierTable({ tiers, rows, actions, currentCode, handlers }: Props) {
  const current = (code: string) => (code === currentCode ? 'is-current' : undefined);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tier comparison">
      <table className="table tier-table" data-testid="tier-table">
        <colgroup>
          <col className="tier-label-col" />
          {tiers.map((tier) => (
            <col key={tier.code} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <td className="tier-corner" />
            {tiers.map((tier) => (
              <th key={tier.code} scope="col" className={`tier-head ${current(tier.code) ?? ''}`} data-testid="tier-column" data-tier={tier.code}>
                <span className="tier-name">{tier.name}</span>
                {tier.code === currentCode && (
                  <span className="badge" data-testid="current-tier-badge">
                    Your tier
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`tier-row-${row.key}`}>
              <th scope="row" title={row.hint}>
                {row.label}
              </th>
              {row.cells.map((cell, i) => (
                <td key={tiers[i]!.code} className={current(tiers[i]!.code)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
          <tr className="tier-actions">
            <th scope="row">
              <span className="visually-hidden">Actions</span>
            </th>
            {tiers.map((tier, i) => (
              <td key={tier.code} className={current(tier.code)}>
                <TierActionButton tier={tier} action={actions[i]!} handlers={handlers} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
