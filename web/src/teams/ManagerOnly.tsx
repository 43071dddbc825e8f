import type { ReactNode } from 'react';
import { Alert } from '../ui/Alert';
import './manager-only.css';

/** The screen's one sentence saying why its billing controls are disabled for a team member. */
export function ManagerOnlyNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return (
    <Alert tone="info" testId="manager-only-notice">
      {notice}
    </Alert>
  );
}

/**
 * Disables every button, field and select inside at once (a disabled fieldset), so a member sees
 * the same controls an owner does, greyed out, next to the information that stays readable.
 */
export function ManagerOnlyControls({ locked, children }: { locked: boolean; children: ReactNode }) {
  return (
    <fieldset className="manager-only-controls" disabled={locked} data-locked={locked} data-testid="manager-only-controls">
      {children}
    </fieldset>
  );
}
