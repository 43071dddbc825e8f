import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { INVITABLE_ROLES, roleWord, type ApiTeamRole } from './team-roles';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  pending: boolean;
  onInvite: (email: string | null, role: ApiTeamRole) => Promise<void>;
}

/** Invite by email (a mail with the link), or leave the email empty for a link to hand over yourself. */
export function InviteForm({ pending, onInvite }: Props) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ApiTeamRole>('MEMBER');
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const trimmed = email.trim();
  const clientError =
    submitted && trimmed !== '' && !EMAIL.test(trimmed) ? 'Enter an email address such as ana@example.com, or leave it empty for a link' : undefined;
  const serverField = problem ? problemField(problem, ['email'] as const) : undefined;
  const message = problem ? describeProblem(problem) : undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || (trimmed !== '' && !EMAIL.test(trimmed))) return;
    setProblem(null);
    try {
      await onInvite(trimmed || null, role);
      setEmail('');
      setSubmitted(false);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form className="card stack" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="invite-form">
      <h3>Invite someone</h3>
      {problem && !serverField && <Alert testId="invite-error">{message}</Alert>}
      <TextField
        name="invite-email"
        label="Email (optional)"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(value) => {
          setEmail(value);
          setProblem(null);
        }}
        error={clientError ?? (serverField ? message : undefined)}
        hint="With an email, we mail the link and only that address can use it. Empty: you get a link to share."
      />
      <div className="field">
        <label htmlFor="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as ApiTeamRole)} data-testid="invite-role-select">
          {INVITABLE_ROLES.map((choice) => (
            <option key={choice} value={choice}>
              {roleWord(choice)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={pending} data-testid="create-invitation">
          {pending ? 'Inviting…' : 'Create invitation'}
        </button>
      </div>
    </form>
  );
}
