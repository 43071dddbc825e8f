import { API_KEY_NAME_MAX_LENGTH } from '@tollgate/shared';
import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { Alert } from '../ui/Alert';
import { localDay } from '../ui/local-date';
import { TextField } from '../ui/TextField';
import { INITIAL_API_KEY_FORM, apiKeyFormProblems, toCreateApiKeyInput, type ApiKeyFormValues } from './api-key-form';
import { keyLimitsProblems, NO_LIMITS, toKeyLimitsInput, type KeyLimitsValues } from './key-limits';
import { KeyLimitsFields } from './KeyLimitsFields';
import { ScopeCheckboxes } from './ScopeCheckboxes';
import { useAllowedModels } from './useAllowedModels';
import type { CreateKeyInput } from './useApiKeys';

interface Props {
  pending: boolean;
  onCreate: (input: CreateKeyInput) => Promise<void>;
  /** Acting for a team: the key is the team's, paid from its pool. */
  teamName?: string;
}

export function CreateApiKeyForm({ pending, onCreate, teamName }: Props) {
  const { role } = useCurrentUser();
  const models = useAllowedModels();
  const [values, setValues] = useState<ApiKeyFormValues>(INITIAL_API_KEY_FORM);
  const [limits, setLimits] = useState<KeyLimitsValues>(NO_LIMITS);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const today = localDay(new Date());

  const clientErrors = submitted ? apiKeyFormProblems(values, role) : {};
  const limitErrors = submitted ? keyLimitsProblems(limits, today) : {};
  const serverField = problem ? problemField(problem, ['name', 'scopes'] as const) : undefined;
  const serverMessage = problem ? describeProblem(problem) : undefined;
  // A problem the server pins on a field shows beside it; any other one above the form.
  const nameError = clientErrors.name ?? (serverField === 'name' ? serverMessage : undefined);
  const scopesError = clientErrors.scopes ?? (serverField === 'scopes' ? serverMessage : undefined);

  const update = (next: Partial<ApiKeyFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setProblem(null);
  };
  const updateLimits = (next: Partial<KeyLimitsValues>) => {
    setLimits((current) => ({ ...current, ...next }));
    setProblem(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const invalid = Object.keys(apiKeyFormProblems(values, role)).length + Object.keys(keyLimitsProblems(limits, today)).length > 0;
    if (pending || invalid) return;
    setProblem(null);
    try {
      await onCreate(createInput(values, limits, role));
      setValues(INITIAL_API_KEY_FORM);
      setLimits(NO_LIMITS);
      setSubmitted(false);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form className="card stack create-key" onSubmit={onSubmit} noValidate aria-label="Create a key" data-testid="create-api-key-form">
      <h2>Create a key</h2>
      {teamName && (
        <p className="muted" data-testid="create-key-team-note">
          The key belongs to the team <strong>{teamName}</strong>: its calls are paid from the team's credit and listed under your name.
        </p>
      )}
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
      <KeyLimitsFields value={limits} onChange={updateLimits} errors={limitErrors} models={models} today={today} />
      <div>
        <button type="submit" className="button button-primary" disabled={pending} data-testid="create-api-key">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

/** Only the limits that are set go to createApiKey: an absent one means none. */
function createInput(values: ApiKeyFormValues, limits: KeyLimitsValues, role: Parameters<typeof toCreateApiKeyInput>[1]): CreateKeyInput {
  const { cap, expiresAt, allowedModels } = toKeyLimitsInput(limits);
  return {
    ...toCreateApiKeyInput(values, role),
    ...(cap ? { cap } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(allowedModels ? { allowedModels } : {}),
  };
}
