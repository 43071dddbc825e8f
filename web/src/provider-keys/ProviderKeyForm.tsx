import { useId, useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import {
  BYOK_PROVIDERS,
  EMPTY_PROVIDER_KEY_FORM,
  isByokProvider,
  PROVIDER_NAMES,
  providerKeyProblems,
  toSetProviderKeyInput,
  type ProviderKeyFormValues,
} from './provider-key-form';

interface Props {
  /** Providers that already have a key: saving one replaces it. */
  stored: readonly string[];
  pending: boolean;
  /** The tier does not allow BYOK: the page says so once; the form shows nothing more. */
  disabled?: boolean;
  onSave: (input: { provider: string; apiKey: string }) => Promise<void>;
}

/**
 * Sets or replaces the key for one provider. The key lives in this form's state until it is saved
 * (then the box is emptied); a refusal keeps it, so the person fixes the cause and saves again
 * rather than pasting again. Never in Apollo's cache (useProviderKeys) nor in storage.
 */
export function ProviderKeyForm({ stored, pending, disabled = false, onSave }: Props) {
  const id = useId();
  const [values, setValues] = useState<ProviderKeyFormValues>(EMPTY_PROVIDER_KEY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const clientErrors = submitted ? providerKeyProblems(values) : {};
  const serverField = problem ? problemField(problem, ['provider', 'apiKey'] as const) : undefined;
  const serverMessage = problem ? describeProblem(problem) : undefined;
  const providerError = clientErrors.provider ?? (serverField === 'provider' ? serverMessage : undefined);
  const keyError = clientErrors.apiKey ?? (serverField === 'apiKey' ? serverMessage : undefined);
  const replacing = isByokProvider(values.provider) && stored.includes(values.provider);

  const update = (next: Partial<ProviderKeyFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setProblem(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(providerKeyProblems(values)).length > 0) return;
    setProblem(null);
    const input = toSetProviderKeyInput(values);
    try {
      await onSave(input);
      setValues(EMPTY_PROVIDER_KEY_FORM);
      setSubmitted(false);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form className="card stack provider-key-form" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="provider-key-form">
      <h2>Add or replace a key</h2>
      {problem && !serverField && !disabled && (
        <Alert tone={problem.code === 'TIER_LIMIT_EXCEEDED' ? 'warning' : 'error'} testId="provider-key-error">
          {serverMessage}
        </Alert>
      )}
      <fieldset className="provider-key-fields" disabled={disabled} data-testid="provider-key-fields">
        <div className={`field${providerError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-provider`}>Provider</label>
          <select
            id={`${id}-provider`}
            className="select"
            value={values.provider}
            onChange={(event) => update({ provider: isByokProvider(event.target.value) ? event.target.value : '' })}
            aria-invalid={providerError ? true : undefined}
            data-testid="provider-select"
          >
            <option value="">Choose…</option>
            {BYOK_PROVIDERS.map((provider) => (
              <option key={provider} value={provider}>
                {PROVIDER_NAMES[provider]}
                {stored.includes(provider) ? ' (replaces your key)' : ''}
              </option>
            ))}
          </select>
          {providerError && <p className="field-error">{providerError}</p>}
        </div>
        <TextField
          name="apiKey"
          label="API key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={values.apiKey}
          onChange={(apiKey) => update({ apiKey })}
          error={keyError}
          hint="Stored encrypted. Only its last four characters are ever shown again."
        />
        <div>
          <button type="submit" className="button button-primary" disabled={pending || disabled} data-testid="save-provider-key">
            {pending ? 'Saving…' : replacing ? 'Replace key' : 'Save key'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
