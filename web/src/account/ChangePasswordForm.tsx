import { PASSWORD_MIN_LENGTH } from '@tollgate/shared';
import { CHANGE_PASSWORD_FIELDS, changePasswordProblems, type ChangePasswordField } from '../auth/new-password';
import { usePasswordForm } from '../auth/usePasswordForm';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';

interface Props {
  onChange: (currentPassword: string, newPassword: string) => Promise<void>;
}

const LABELS: Record<ChangePasswordField, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
};

/** Current password, then the new one twice; emptied once the change is made. */
export function ChangePasswordForm({ onChange }: Props) {
  const form = usePasswordForm({
    fields: CHANGE_PASSWORD_FIELDS,
    validate: changePasswordProblems,
    submit: async (values) => {
      await onChange(values.currentPassword, values.newPassword);
      form.reset();
    },
  });
  return (
    <form className="card stack account-password-form" onSubmit={form.onSubmit} noValidate data-testid="change-password-form">
      <h2>Change password</h2>
      {form.formError && <Alert testId="form-error">{form.formError}</Alert>}
      {CHANGE_PASSWORD_FIELDS.map((field) => (
        <TextField
          key={field}
          name={field}
          label={LABELS[field]}
          type="password"
          autoComplete={field === 'currentPassword' ? 'current-password' : 'new-password'}
          value={form.values[field]}
          onChange={(value) => form.setValue(field, value)}
          onBlur={() => form.touch(field)}
          error={form.errors[field]}
          hint={field === 'newPassword' ? `At least ${PASSWORD_MIN_LENGTH} characters, mixing letters with digits or symbols.` : undefined}
        />
      ))}
      <div>
        <button type="submit" className="button button-primary" disabled={form.pending} data-testid="change-password-submit">
          {form.pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
