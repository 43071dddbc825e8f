/** The team form's fields and their checks (the server checks the same and has the last word). */
export interface TeamFormValues {
  name: string;
  billingEmail: string;
}

export type TeamFormErrors = Partial<Record<keyof TeamFormValues, string>>;

export const TEAM_NAME_MAX = 80;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `billingRequired`: editing (a team always has one); creating, empty means the creator's email. */
export function teamFormProblems(values: TeamFormValues, billingRequired: boolean): TeamFormErrors {
  const errors: TeamFormErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the team a name';
  else if (name.length > TEAM_NAME_MAX) errors.name = `Name must be at most ${TEAM_NAME_MAX} characters`;
  const email = values.billingEmail.trim();
  if (email === '' ? billingRequired : !EMAIL.test(email)) errors.billingEmail = 'Enter the email address receipts go to, such as billing@example.com';
  return errors;
}
