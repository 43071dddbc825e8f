import type { TierAction } from './tier-action';

interface Props {
  tier: { code: string; name: string };
  action: TierAction;
  onSwitchToFree: () => void;
}

export function TierActionButton({ tier, action, onSwitchToFree }: Props) {
  switch (action.kind) {
    case 'current':
      return <span className="muted tier-action-note">Your current tier</span>;
    case 'switch-to-free':
      return (
        <button type="button" className="button button-secondary button-small" onClick={onSwitchToFree} data-testid="switch-to-free">
          Switch to {tier.name}
        </button>
      );
    case 'needs-billing':
      return (
        <span className="tier-action-billing">
          <button type="button" className="button button-primary button-small" disabled aria-describedby={`billing-${tier.code}`} data-testid={`upgrade-${tier.code}`}>
            {action.label}
          </button>
          <span id={`billing-${tier.code}`} className="muted tier-action-note">
            needs billing (coming soon)
          </span>
        </span>
      );
  }
}
