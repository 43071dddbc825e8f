import { emailProblem, normalizeEmail, passwordProblem } from '@tollgate/shared';

export const CREDENTIAL_FIELDS = ['email', 'password'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

export interface Credentials {
  email: string;
  password: string;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Sign-up enforces the same rules as the server, from the same shared functions. */
export function signUpProblems(values: Credentials): FieldErrors<CredentialField> {
  return compact({ email: emailProblem(values.email), password: passwordProblem(values.password) });
}

/**
 * Sign-in only checks that something was entered: a password chosen under older, looser rules
 * must still be accepted, and the server is the judge of whether it is right.
 */
export function signInProblems(values: Credentials): FieldErrors<CredentialField> {
  return compact({
    email: emailProblem(values.email),
    password: values.password.length === 0 ? 'Password is required' : null,
  });
}

/** The mutation input: the email as the server stores it, the password untouched. */
export function toCredentialsInput(values: Credentials): Credentials {
  return { email: normalizeEmail(values.email), password: values.password };
}

function compact<F extends string>(errors: Record<F, string | null>): FieldErrors<F> {
  const result: FieldErrors<F> = {};
  for (const [field, message] of Object.entries(errors) as [F, string | null][]) {
    if (message) result[field] = message;
  }
  return result;
}
