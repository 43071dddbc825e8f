import { Link } from 'react-router';
import type { TierAction } from './tier-action';

/** What the tier page does when a tier's button is pressed, and which one is busy. */
export interface TierHandlers {
  onSwitchToFree: () => void;
  /** No subscription yet: open a subscription checkout for the tier. */
  onSubscribe: (tierCode: string) => void;
  /** Subscribed: change the subscription (asks first). */
  onChange: (tierCode: string) => void;
  /** The tier whose checkout or change is under way. */
  pendingTier: string | null;
  /** Payments are unavailable, or something else is under way. */
  disabled: boolean;
}

interface Props {
  tier: { code: string; name: string };
  action: TierAction;
  handlers: TierHandlers;
}

export function TierActionButton({ tier, action, handlers }: Props) {
  const busy = handlers.pendingTier === tier.code;
  switch (action.kind) {
    case 'current':
      return <span className="muted tier-action-note">Your current tier</span>;
    case 'scheduled':
      return (
        <span className="muted tier-action-note" data-testid={`scheduled-${tier.code}`}>
          Starts at the end of this period
        </span>
      );
    case 'switch-to-free':
      return (
        <button type="button" className="button button-secondary button-small" onClick={handlers.onSwitchToFree} data-testid="switch-to-free">
          Switch to {tier.name}
        </button>
      );
    case 'cancel-subscription':
      return (
        <Link to="/billing" className="tier-action-note" data-testid={`cancel-for-${tier.code}`}>
          Cancel your subscription on Billing
        </Link>
      );
    case 'subscribe':
    case 'change':
      return (
        <button
          type="button"
          className="button button-primary button-small"
          disabled={handlers.disabled || busy}
          aria-busy={busy}
          onClick={() => (action.kind === 'subscribe' ? handlers.onSubscribe(tier.code) : handlers.onChange(tier.code))}
          data-testid={`upgrade-${tier.code}`}
          data-action={action.kind}
        >
          {busy ? 'Opening…' : action.label}
        </button>
      );
  }
}
