import { useState, type FormEvent } from 'react';
import { describeProblem, type ProblemWording } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { CREDENTIAL_FIELDS, toCredentialsInput, type CredentialField, type Credentials, type FieldErrors } from './credentials';

interface Options {
  validate: (values: Credentials) => FieldErrors<CredentialField>;
  submit: (input: Credentials) => Promise<void>;
  /** Screen-specific wording for server error codes. */
  wording?: ProblemWording;
}

export interface CredentialsForm {
  values: Credentials;
  /** Per field: the client-side problem once the field was left or the form submitted, else the server's. */
  errors: FieldErrors<CredentialField>;
  /** A server problem that is not about one field. */
  formError: string | null;
  pending: boolean;
  setValue: (field: CredentialField, value: string) => void;
  touch: (field: CredentialField) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

export function useCredentialsForm({ validate, submit, wording }: Options): CredentialsForm {
  const [values, setValues] = useState<Credentials>({ email: '', password: '' });
  const [touched, setTouched] = useState<Partial<Record<CredentialField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);

  const clientErrors = validate(values);
  const serverField = problem ? problemField(problem, CREDENTIAL_FIELDS) : undefined;
  const errors: FieldErrors<CredentialField> = {};
  for (const field of CREDENTIAL_FIELDS) {
    const shown = (submitted || touched[field]) && clientErrors[field];
    if (shown) errors[field] = shown;
    else if (problem && serverField === field) errors[field] = describeProblem(problem, wording);
  }
  const formError = problem && !serverField ? describeProblem(problem, wording) : null;

  const setValue = (field: CredentialField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // What the server said was about the old value.
    setProblem(null);
  };

  // Leaving an empty field is not an error yet (only submitting is): otherwise clicking "Create an
  // account" from a pristine form shows errors, the layout shifts, and the click misses the link.
  const touch = (field: CredentialField) => {
    if (values[field] !== '') setTouched((current) => ({ ...current, [field]: true }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending) return;
    const firstInvalid = CREDENTIAL_FIELDS.find((field) => clientErrors[field]);
    if (firstInvalid) {
      (event.currentTarget.elements.namedItem(firstInvalid) as HTMLElement | null)?.focus();
      return;
    }
    setPending(true);
    setProblem(null);
    submit(toCredentialsInput(values))
      .catch((error: unknown) => setProblem(problemFromError(error)))
      .finally(() => setPending(false));
  };

  return { values, errors, formError, pending, setValue, touch, onSubmit };
}
