import { Link } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { AuthCard } from './AuthCard';
import { CredentialsForm } from './CredentialsForm';
import { signUpProblems } from './credentials';
import { useCredentialsForm } from './useCredentialsForm';
import { useSignUp } from './useSignUp';

export function SignUpPage() {
  useDocumentTitle('Create an account');
  const signUp = useSignUp();
  const form = useCredentialsForm({ validate: signUpProblems, submit: signUp });
  return (
    <AuthCard
      title="Create an account"
      subtitle="Meter and resell LLM usage with prepaid credits."
      footer={
        <>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </>
      }
    >
      <CredentialsForm form={form} mode="sign-up" submitLabel="Create account" pendingLabel="Creating account…" />
    </AuthCard>
  );
}
