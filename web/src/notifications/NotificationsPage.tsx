import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ALWAYS_SENT, notificationTitle } from './notification-labels';
import { useNotificationSettings } from './useNotificationSettings';
import './notifications.css';

/** Every mail Tollgate may send the user, with an on/off switch where the user may turn it off. */
export function NotificationsPage() {
  const { settings, loading, error, setEnabled, saving } = useNotificationSettings();
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = async (kind: string, enabled: boolean) => {
    setProblem(null);
    try {
      await setEnabled(kind, enabled);
    } catch (err) {
      setProblem(describeProblem(problemFromError(err)));
    }
  };

  return (
    <section className="page">
      <h1>Notifications</h1>
      <p className="muted">The mail Tollgate sends you. Notices you can see in the app anyway can be turned off; mail your account needs is always sent.</p>
      {problem && <Alert>{problem}</Alert>}
      {error && !settings && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !settings && <p className="muted">Loading your settings…</p>}
      {settings && (
        <ul className="notification-list" data-testid="notification-list">
          {settings.map((s) => (
            <li key={s.kind} className="notification-item" data-testid={`notification-${s.kind}`}>
              <div className="notification-text">
                <strong id={`notification-${s.kind}-title`}>{notificationTitle(s.kind)}</strong>
                <span className="muted">{s.description}</span>
                {!s.canTurnOff && <span className="notification-always">{ALWAYS_SENT}</span>}
              </div>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={s.enabled}
                  disabled={!s.canTurnOff || saving}
                  onChange={(event) => void toggle(s.kind, event.target.checked)}
                  aria-labelledby={`notification-${s.kind}-title`}
                  data-testid={`notification-toggle-${s.kind}`}
                />
                <span className="switch-track" aria-hidden="true" />
                <span className="switch-text">{s.enabled ? 'On' : 'Off'}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
