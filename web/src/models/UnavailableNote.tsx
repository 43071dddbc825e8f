import { Link } from 'react-router';

interface Props {
  models: readonly { allowed: boolean; availability: { runnable: boolean; reason?: string | null } }[];
}

/** Why the models the tier includes cannot run yet: each distinct reason once, with how many models it holds back. */
export function UnavailableNote({ models }: Props) {
  const counts = new Map<string, number>();
  for (const m of models) {
    const reason = m.allowed && !m.availability.runnable ? m.availability.reason : null;
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  return (
    <div className="models-unavailable" data-testid="models-unavailable-reasons">
      <p>Some models your tier includes need a provider key before they can run:</p>
      <ul>
        {[...counts].map(([reason, count]) => (
          <li key={reason}>
            {reason} ({count} {count === 1 ? 'model' : 'models'}).
          </li>
        ))}
      </ul>
      <p>
        <Link to="/provider-keys">Provider keys</Link> · <Link to="/tiers">Tiers</Link>
      </p>
    </div>
  );
}
