import { useCurrentUser } from '../auth/CurrentUserContext';
import { ConsoleLayout } from '../admin/console/ConsoleLayout';
import { AppLayout } from '../layout/AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { canAccess } from './route-access';

/** The console for admins; everyone else gets the app's usual "not found", as if it did not exist. */
export function ConsoleGate() {
  const user = useCurrentUser();
  if (!canAccess({ adminOnly: true }, user.role)) {
    return (
      <AppLayout>
        <NotFoundPage />
      </AppLayout>
    );
  }
  return <ConsoleLayout />;
}
