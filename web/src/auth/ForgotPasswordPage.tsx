import { emailProblem, normalizeEmail } from '@tollgate/shared';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { AuthCard } from './AuthCard';
import { usePasswordForm } from './usePasswordForm';
import { useRequestPasswordReset } from './usePasswordMutations';

const FIELDS = ['email'] as const;

/**
 * "Forgot password?": asks for a reset link by mail. The answer is the same for every address (the
 * page never says whether one has an account), so the sent state says "if".
 */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const typed = (useLocation().state as { email?: unknown } | null)?.email;
  const form = usePasswordForm({
    fields: FIELDS,
    // The address typed on the sign-in page, so nobody types it twice.
    initial: { email: typeof typed === 'string' ? typed : '' },
    validate: (values) => {
      const problem = emailProblem(values.email);
      return problem ? { email: problem } : {};
    },
    submit: async (values) => {
      const email = normalizeEmail(values.email);
      await request(email);
      setSentTo(email);
    },
  });

  return (
    <AuthCard
      title="Forgot password"
      subtitle="We mail you a link to choose a new password."
      footer={
        <>
          Remembered it? <Link to="/sign-in">Sign in</Link>
        </>
      }
    >
      {sentTo ? (
        <div className="stack">
          <Alert tone="info" testId="reset-sent">
            If <strong>{sentTo}</strong> has a Tollgate account, a link to reset its password is on its way. It works once, for 30 minutes.
          </Alert>
          <p className="muted">
            No mail after a few minutes? Check your spam folder, or{' '}
            <button type="button" className="button button-link" onClick={() => setSentTo(null)} data-testid="reset-again">
              ask again
            </button>
            .
          </p>
        </div>
      ) : (
        <form className="stack" onSubmit={form.onSubmit} noValidate data-testid="forgot-password-form">
          {form.formError && <Alert testId="form-error">{form.formError}</Alert>}
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            inputMode="email"
            value={form.values.email}
            onChange={(value) => form.setValue('email', value)}
            onBlur={() => form.touch('email')}
            error={form.errors.email}
            autoFocus
          />
          <button type="submit" className="button button-primary button-block" disabled={form.pending} data-testid="submit">
            {form.pending ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
