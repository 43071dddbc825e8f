import { useState } from 'react';
import { isTeamManager } from '@tollgate/shared';
import { Alert } from '../ui/Alert';
import { formatDate } from '../ui/format-date';
import { ActingTeamGate, type ActingTeamData } from './ActingTeamGate';
import { TeamForm } from './TeamForm';
import { sharedRole } from './team-roles';
import { useTeamForms } from './useTeamForms';

/** The acting team's name and billing email: owners and admins edit them, members read them. */
export function TeamSettingsPage() {
  return <ActingTeamGate title="Team settings">{(team) => <TeamSettings team={team} />}</ActingTeamGate>;
}

function TeamSettings({ team }: { team: ActingTeamData }) {
  const { update, updating } = useTeamForms();
  const [saved, setSaved] = useState(false);
  const manager = isTeamManager(sharedRole(team.myRole));
  return (
    <section className="page team-page" data-testid="team-settings-page">
      <h1>Team settings</h1>
      <p className="muted">
        <strong>{team.name}</strong> · created {formatDate(team.createdAt)} · tier <code>{team.tierCode}</code>. Buying credits and the tier are on the Billing
        and Tiers pages while you act for the team.
      </p>
      {saved && (
        <Alert tone="info" testId="team-saved">
          Saved.
        </Alert>
      )}
      {manager ? (
        <TeamForm
          key={team.id}
          initial={{ name: team.name, billingEmail: team.billingEmail }}
          billingRequired
          billingHint="Receipts and billing mail for the team go here."
          submitLabel="Save"
          pendingLabel="Saving…"
          pending={updating}
          testId="team-settings-form"
          onSubmit={async (values) => {
            setSaved(false);
            await update(team.id, values.name, values.billingEmail);
            setSaved(true);
          }}
        />
      ) : (
        <dl className="card" data-testid="team-settings-readonly">
          <dt>Team name</dt>
          <dd>{team.name}</dd>
          <dt>Billing email</dt>
          <dd>{team.billingEmail}</dd>
        </dl>
      )}
    </section>
  );
}
