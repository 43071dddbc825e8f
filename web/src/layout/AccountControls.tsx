import { ThemeToggle } from '../theme/ThemeToggle';
import { SignOutButton } from './SignOutButton';

/** Who is signed in, the theme switch and the way out: the end of the app's and the console's top bars. */
export function AccountControls({ email }: { email: string }) {
  return (
    <>
      <span className="account-email" data-testid="user-email" title={email}>
        {email}
      </span>
      <ThemeToggle />
      <SignOutButton />
    </>
  );
}
