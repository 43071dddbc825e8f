import { createBrowserRouter } from 'react-router';
import { PublicOnly } from '../auth/PublicOnly';
import { RequireAuth } from '../auth/RequireAuth';
import { SignInPage } from '../auth/SignInPage';
import { SignUpPage } from '../auth/SignUpPage';
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
