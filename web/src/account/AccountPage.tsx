import { useState } from 'react';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { useChangePassword } from '../auth/usePasswordMutations';
import { Alert } from '../ui/Alert';
import { ChangePasswordForm } from './ChangePasswordForm';
import './account.css';

/** The signed-in user's account: who they are signed in as, and changing the password. */
export function AccountPage() {
  const user = useCurrentUser();
  const change = useChangePassword();
  const [changed, setChanged] = useState(false);

  return (
    <section className="page account-page">
      <h1>Account</h1>
      <p className="muted">
        Signed in as <strong data-testid="account-email">{user.email}</strong>.
      </p>
      {changed && (
        <Alert tone="info" testId="password-changed">
          Your password is changed. Every other device was signed out; this one stays signed in.
        </Alert>
      )}
      <ChangePasswordForm
        onChange={async (currentPassword, newPassword) => {
          setChanged(false);
          await change(currentPassword, newPassword);
          setChanged(true);
        }}
      />
      <p className="muted">Forgot your current password? Sign out, then choose “Forgot password?” on the sign-in page: we mail you a link to set a new one.</p>
    </section>
  );
}
