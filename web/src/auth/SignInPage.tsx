import { Link, useLocation } from 'react-router';
import { Alert } from '../ui/Alert';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { AuthCard } from './AuthCard';
import { CredentialsForm } from './CredentialsForm';
import type { SignInState } from './RequireAuth';
import { signInProblems } from './credentials';
import { useCredentialsForm } from './useCredentialsForm';
import { useSignIn } from './useSignIn';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const expired = (useLocation().state as SignInState | null)?.expired === true;
  const signIn = useSignIn();
  const form = useCredentialsForm({
    validate: signInProblems,
    submit: signIn,
    // Deliberately vague: whether the email has an account is not the visitor's business.
    wording: { UNAUTHENTICATED: 'Email or password is incorrect.' },
  });
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Sign in to manage your credits and API keys."
      footer={
        <>
          New to Tollgate? <Link to="/sign-up">Create an account</Link>
        </>
      }
    >
      {expired && (
        <Alert tone="info" testId="session-expired">
          Your session has ended. Please sign in again.
        </Alert>
      )}
      <CredentialsForm form={form} mode="sign-in" submitLabel="Sign in" pendingLabel="Signing in…" />
      <p className="auth-forgot">
        {/* The address typed so far goes along, so nobody types it twice. */}
        <Link to="/forgot-password" state={{ email: form.values.email }} data-testid="forgot-password-link">
          Forgot password?
        </Link>
      </p>
    </AuthCard>
  );
}
