import { useState, type FormEvent } from 'react';
import { describeProblem, type ProblemWording } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import type { FieldErrors } from './credentials';

interface Options<F extends string> {
  fields: readonly F[];
  validate: (values: Record<F, string>) => FieldErrors<F>;
  submit: (values: Record<F, string>) => Promise<void>;
  wording?: ProblemWording;
  /** Values to start from (an address carried over from the sign-in page). */
  initial?: Partial<Record<F, string>>;
}

export interface PasswordForm<F extends string> {
  values: Record<F, string>;
  errors: FieldErrors<F>;
  /** A server problem that is not about one field (a rate limit, the network). */
  formError: string | null;
  /** The server's problem as it came, for screens that react to one (an expired reset link). */
  problem: ApiProblem | null;
  pending: boolean;
  setValue: (field: F, value: string) => void;
  touch: (field: F) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  reset: () => void;
}

/**
 * The password forms' state (account change, reset): the client's rules once a field was left or the
 * form submitted, else the server's answer, on its field when it names one. As useCredentialsForm.
 */
export function usePasswordForm<F extends string>({ fields, validate, submit, wording, initial }: Options<F>): PasswordForm<F> {
  const empty = Object.fromEntries(fields.map((field) => [field, ''])) as Record<F, string>;
  const [values, setValues] = useState<Record<F, string>>(() => ({ ...empty, ...initial }));
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);

  const clientErrors = validate(values);
  const serverField = problem ? problemField(problem, fields) : undefined;
  const errors: FieldErrors<F> = {};
  for (const field of fields) {
    const shown = (submitted || touched[field]) && clientErrors[field];
    if (shown) errors[field] = shown;
    else if (problem && serverField === field) errors[field] = describeProblem(problem, wording);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending) return;
    const firstInvalid = fields.find((field) => clientErrors[field]);
    if (firstInvalid) {
      (event.currentTarget.elements.namedItem(firstInvalid) as HTMLElement | null)?.focus();
      return;
    }
    setPending(true);
    setProblem(null);
    submit(values)
      .catch((error: unknown) => setProblem(problemFromError(error)))
      .finally(() => setPending(false));
  };

  return {
    values,
    errors,
    formError: problem && !serverField ? describeProblem(problem, wording) : null,
    problem,
    pending,
    setValue: (field, value) => {
      setValues((current) => ({ ...current, [field]: value }));
      setProblem(null);
    },
    touch: (field) => {
      if (values[field] !== '') setTouched((current) => ({ ...current, [field]: true }));
    },
    onSubmit,
    reset: () => {
      setValues(empty);
      setTouched({});
      setSubmitted(false);
      setProblem(null);
    },
  };
}
