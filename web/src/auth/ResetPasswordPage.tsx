import { PASSWORD_MIN_LENGTH } from '@tollgate/shared';
import { Link, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { AuthCard } from './AuthCard';
import { newPasswordProblems, resetTokenFrom, type NewPasswordField } from './new-password';
import { usePasswordForm } from './usePasswordForm';
import { useResetPassword } from './usePasswordMutations';

/** The server names `token` as the field at fault when the link is bad (it is not typed in). */
const FIELDS = ['newPassword', 'confirmPassword', 'token'] as const satisfies readonly (NewPasswordField | 'token')[];

/**
 * The mailed link (`/reset-password?token=…`): a new password, typed twice. Success signs in and goes
 * to the dashboard; a link that is unknown, used or expired says so and offers to ask for a new one.
 * Outside the signed-out gate, so a link opened in a browser signed in as someone still works.
 */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const token = resetTokenFrom(useLocation().search);
  const navigate = useNavigate();
  const reset = useResetPassword();
  const form = usePasswordForm<(typeof FIELDS)[number]>({
    fields: FIELDS,
    validate: newPasswordProblems,
    // The one FORBIDDEN this mutation answers: the account was suspended after the link was sent.
    wording: { FORBIDDEN: 'This account is suspended, so its password cannot be reset. Contact support.' },
    submit: async (values) => {
      await reset(token ?? '', values.newPassword);
      void navigate('/', { replace: true, state: { passwordReset: true } });
    },
  });
  const linkProblem = token === null ? 'This link has no reset token.' : form.errors.token;

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Your other sessions will be signed out."
      footer={
        <>
          Remembered it? <Link to="/sign-in">Sign in</Link>
        </>
      }
    >
      {linkProblem ? (
        <div className="stack" data-testid="reset-link-invalid">
          <Alert>{linkProblem}</Alert>
          <Link className="button button-primary button-block" to="/forgot-password" data-testid="reset-ask-again">
            Ask for a new link
          </Link>
        </div>
      ) : (
        <form className="stack" onSubmit={form.onSubmit} noValidate data-testid="reset-password-form">
          {form.formError && <Alert testId="form-error">{form.formError}</Alert>}
          <TextField
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            value={form.values.newPassword}
            onChange={(value) => form.setValue('newPassword', value)}
            onBlur={() => form.touch('newPassword')}
            error={form.errors.newPassword}
            hint={`At least ${PASSWORD_MIN_LENGTH} characters, mixing letters with digits or symbols.`}
            autoFocus
          />
          <TextField
            name="confirmPassword"
            label="New password again"
            type="password"
            autoComplete="new-password"
            value={form.values.confirmPassword}
            onChange={(value) => form.setValue('confirmPassword', value)}
            onBlur={() => form.touch('confirmPassword')}
            error={form.errors.confirmPassword}
          />
          <button type="submit" className="button button-primary button-block" disabled={form.pending} data-testid="submit">
            {form.pending ? 'Saving…' : 'Set password and sign in'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
