import { useNavigate } from 'react-router';
import { setActingTeam } from './acting-account';
import { TeamForm } from './TeamForm';
import { useTeamForms } from './useTeamForms';

/** A new team, with its own credit balance, tier and billing; its creator is the owner and acts for it at once. */
export function CreateTeamPage() {
  const { create, creating } = useTeamForms();
  const navigate = useNavigate();
  return (
    <section className="page team-page">
      <h1>Create a team</h1>
      <p className="muted">
        A team has its own credit balance, tier, API keys and billing, shared by its members. You become its owner and can invite people once it exists.
      </p>
      <TeamForm
        initial={{ name: '', billingEmail: '' }}
        billingRequired={false}
        billingHint="Receipts and billing mail go here. Leave empty to use your own email."
        submitLabel="Create team"
        pendingLabel="Creating…"
        pending={creating}
        testId="create-team-form"
        onSubmit={async (values) => {
          const team = await create(values.name, values.billingEmail || null);
          setActingTeam({ id: team.id, name: team.name });
          void navigate('/team/members');
        }}
      />
    </section>
  );
}
