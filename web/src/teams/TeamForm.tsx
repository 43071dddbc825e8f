import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { TEAM_NAME_MAX, teamFormProblems, type TeamFormValues } from './team-form';

interface Props {
  initial: TeamFormValues;
  billingRequired: boolean;
  billingHint: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  testId: string;
  onSubmit: (values: TeamFormValues) => Promise<void>;
}

/** A team's name and billing email: creating a team and its settings. */
export function TeamForm({ initial, billingRequired, billingHint, submitLabel, pendingLabel, pending, testId, onSubmit }: Props) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const client = submitted ? teamFormProblems(values, billingRequired) : {};
  const field = problem ? problemField(problem, ['name', 'billingEmail'] as const) : undefined;
  const message = problem ? describeProblem(problem) : undefined;

  const update = (next: Partial<TeamFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setProblem(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(teamFormProblems(values, billingRequired)).length > 0) return;
    setProblem(null);
    try {
      await onSubmit({ name: values.name.trim(), billingEmail: values.billingEmail.trim() });
      setSubmitted(false);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate data-testid={testId}>
      {problem && !field && <Alert testId={`${testId}-error`}>{message}</Alert>}
      <TextField
        name="team-name"
        label="Team name"
        maxLength={TEAM_NAME_MAX}
        value={values.name}
        onChange={(name) => update({ name })}
        error={client.name ?? (field === 'name' ? message : undefined)}
      />
      <TextField
        name="team-billing-email"
        label="Billing email"
        type="email"
        value={values.billingEmail}
        onChange={(billingEmail) => update({ billingEmail })}
        error={client.billingEmail ?? (field === 'billingEmail' ? message : undefined)}
        hint={billingHint}
      />
      <div>
        <button type="submit" className="button button-primary" disabled={pending} data-testid={`${testId}-submit`}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
