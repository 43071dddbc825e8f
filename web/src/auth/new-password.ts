import { passwordProblem } from '@tollgate/shared';
import type { FieldErrors } from './credentials';

/** A new password, typed twice: the account screen's change form and the reset page share these rules. */
export interface NewPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

export type NewPasswordField = keyof NewPasswordValues;

/** Sign-up's rules (the server's own, from @tollgate/shared), and the two copies must agree. */
export function newPasswordProblems(values: NewPasswordValues): FieldErrors<NewPasswordField> {
  const errors: FieldErrors<NewPasswordField> = {};
  const problem = passwordProblem(values.newPassword);
  if (problem) errors.newPassword = problem;
  if (values.confirmPassword === '') errors.confirmPassword = 'Type the new password again';
  else if (values.confirmPassword !== values.newPassword) errors.confirmPassword = 'The two passwords differ';
  return errors;
}

export interface ChangePasswordValues extends NewPasswordValues {
  currentPassword: string;
}

export type ChangePasswordField = keyof ChangePasswordValues;

export const CHANGE_PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const satisfies readonly ChangePasswordField[];

/** The change form: the current password is only required (the server judges it), the new one as above. */
export function changePasswordProblems(values: ChangePasswordValues): FieldErrors<ChangePasswordField> {
  const errors: FieldErrors<ChangePasswordField> = newPasswordProblems(values);
  if (values.currentPassword === '') errors.currentPassword = 'Enter your current password';
  else if (!errors.newPassword && values.newPassword === values.currentPassword) errors.newPassword = 'The new password must differ from the current one';
  return errors;
}

/** The token of a reset link (`/reset-password?token=…`), or null when the link has none. */
export function resetTokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim();
  return token ? token : null;
}
