import { Alert } from '../ui/Alert';
import { dismissLostTeam } from './acting-account';
import { useLostTeam } from './useActingTeam';

/** Said once the app has switched back to the personal account because the team is no longer the person's. */
export function TeamFallbackNotice() {
  const lost = useLostTeam();
  if (!lost) return null;
  return (
    <Alert tone="warning" testId="team-fallback">
      You are no longer a member of <strong>{lost.name}</strong>, so Tollgate switched back to your personal account. Everything on screen is now your own.{' '}
      <button type="button" className="button button-link" onClick={dismissLostTeam} data-testid="dismiss-team-fallback">
        Dismiss
      </button>
    </Alert>
  );
}
