import { Link } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { AuthCard } from './AuthCard';
import { CredentialsForm } from './CredentialsForm';
import { signInProblems } from './credentials';
import { useCredentialsForm } from './useCredentialsForm';
import { useSignIn } from './useSignIn';

export function SignInPage() {
  useDocumentTitle('Sign in');
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
      <CredentialsForm form={form} mode="sign-in" submitLabel="Sign in" pendingLabel="Signing in…" />
    </AuthCard>
  );
}
