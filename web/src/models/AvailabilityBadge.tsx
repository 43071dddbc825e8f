import { AllowedBadge } from './AllowedBadge';

interface Props {
  allowed: boolean;
  tierName: string;
  /** Model.availability: whether it can run for you now, how, and if not why. */
  availability: { runnable: boolean; via?: string | null; reason?: string | null } | null | undefined;
}

const HOW: Record<string, string> = {
  platform: "Runs on this server's provider key",
  'own-key': 'Runs with your own provider key',
  offline: 'Runs offline: it answers with your own message, for trying Tollgate out',
};

/** What the model means for you now: outside your tier, ready (and how), or held back with the server's reason. */
export function AvailabilityBadge({ allowed, tierName, availability }: Props) {
  if (!allowed) return <AllowedBadge allowed={false} tierName={tierName} />;
  if (!availability || availability.runnable) {
    const via = availability?.via ?? 'platform';
    return (
      <span className="badge badge-success" title={HOW[via]} data-testid="model-allowed">
        {via === 'own-key' ? 'Ready · your key' : via === 'offline' ? 'Ready · offline' : 'Ready'}
      </span>
    );
  }
  // The reason is long and shared by a provider's models: said once above the table, here on hover and to screen readers.
  return (
    <span className="badge badge-warning" title={availability.reason ?? undefined} data-testid="model-needs-key">
      Needs a key
      <span className="visually-hidden" data-testid="model-unavailable-reason">
        {availability.reason}
      </span>
    </span>
  );
}
