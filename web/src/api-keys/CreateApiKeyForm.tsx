import { API_KEY_NAME_MAX_LENGTH } from '@tollgate/shared';
import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { INITIAL_API_KEY_FORM, apiKeyFormProblems, toCreateApiKeyInput, type ApiKeyFormValues } from './api-key-form';
import { ScopeCheckboxes } from './ScopeCheckboxes';

interface Props {
  pending: boolean;
  onCreate: (input: { name: string; scopes: string[] }) => Promise<void>;
}

export function CreateApiKeyForm({ pending, onCreate }: Props) {
  const { role } = useCurrentUser();
  const [values, setValues] = useState<ApiKeyFormValues>(INITIAL_API_KEY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const clientErrors = submitted ? apiKeyFormProblems(values, role) : {};
  const serverField = problem ? problemField(problem, ['name', 'scopes'] as const) : undefined;
  const serverMessage = problem ? describeProblem(problem) : undefined;
  // A problem the server pins on a field shows beside it; any other one above the form.
  const nameError = clientErrors.name ?? (serverField === 'name' ? serverMessage : undefined);
  const scopesError = clientErrors.scopes ?? (serverField === 'scopes' ? serverMessage : undefined);

  const update = (next: Partial<ApiKeyFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setProblem(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(apiKeyFormProblems(values, role)).length > 0) return;
    setProblem(null);
    try {
      await onCreate(toCreateApiKeyInput(values, role));
      setValues(INITIAL_API_KEY_FORM);
      setSubmitted(false);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form className="card stack create-key" onSubmit={onSubmit} noValidate data-testid="create-api-key-form">
      <h2>Create a key</h2>
      {problem && !serverField && <Alert testId="create-api-key-error">{serverMessage}</Alert>}
      <TextField
        name="name"
        label="Name"
        placeholder="e.g. production backend"
        maxLength={API_KEY_NAME_MAX_LENGTH}
        value={values.name}
        onChange={(name) => update({ name })}
        error={nameError}
      />
      <ScopeCheckboxes role={role} value={values.scopes} onChange={(scopes) => update({ scopes })} error={scopesError} />
      <div>
        <button type="submit" className="button button-primary" disabled={pending} data-testid="create-api-key">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
