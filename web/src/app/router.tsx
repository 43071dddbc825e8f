import { createBrowserRouter } from 'react-router';
import { PublicOnly } from '../auth/PublicOnly';
import { RequireAuth } from '../auth/RequireAuth';
import { SignInPage } from '../auth/SignInPage';
import { SignUpPage } from '../auth/SignUpPage';
import { SignupAlias } from '../promotions/SignupAlias';
import { AppLayout } from '../layout/AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { RequireRole } from './RequireRole';
import { APP_ROUTES } from './routes';

export function createRouter() {
  return createBrowserRouter([
    {
      Component: PublicOnly,
      children: [
        { path: '/sign-in', Component: SignInPage },
        { path: '/sign-up', Component: SignUpPage },
      ],
    },
    // Referral links; outside PublicOnly so the query survives to the sign-up page's own gate.
    { path: '/signup', Component: SignupAlias },
    {
      Component: RequireAuth,
      children: [
        {
          Component: AppLayout,
          children: [
            ...APP_ROUTES.map(({ path, Component, adminOnly }) => ({
              path,
              element: (
                <RequireRole adminOnly={adminOnly}>
                  <Component />
                </RequireRole>
              ),
            })),
            { path: '*', Component: NotFoundPage },
          ],
        },
      ],
    },
  ]);
}
