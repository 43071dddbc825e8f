import { createBrowserRouter, type RouteObject } from 'react-router';
import { PublicOnly } from '../auth/PublicOnly';
import { RequireAuth } from '../auth/RequireAuth';
import { SignInPage } from '../auth/SignInPage';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage';
import { ResetPasswordPage } from '../auth/ResetPasswordPage';
import { SignUpPage } from '../auth/SignUpPage';
import { SignupAlias } from '../promotions/SignupAlias';
import { InvitePage } from '../teams/InvitePage';
import { AppLayout } from '../layout/AppLayout';
import { SignedInFrame } from '../layout/SignedInFrame';
import { AdminLanding } from './AdminLanding';
import { CONSOLE_ROUTES } from './console-routes';
import { ConsoleGate } from './ConsoleGate';
import { NotFoundPage } from './NotFoundPage';
import { APP_ROUTES } from './routes';

const appRoutes: RouteObject[] = APP_ROUTES.map(({ path, Component }) => ({
  path,
  element:
    path === '/' ? (
      <AdminLanding>
        <Component />
      </AdminLanding>
    ) : (
      <Component />
    ),
}));

// Every console screen sits under /admin, behind ConsoleGate (admins only).
const consoleRoutes: RouteObject[] = CONSOLE_ROUTES.map(({ path, Component }) => (path === '/admin' ? { index: true, Component } : { path, Component }));

export function createRouter() {
  return createBrowserRouter([
    {
      Component: PublicOnly,
      children: [
        { path: '/sign-in', Component: SignInPage },
        { path: '/sign-up', Component: SignUpPage },
        { path: '/forgot-password', Component: ForgotPasswordPage },
      ],
    },
    // A mailed reset link works whoever is signed in here (ResetPasswordPage signs its user in).
    { path: '/reset-password', Component: ResetPasswordPage },
    // Referral links; outside PublicOnly so the query survives to the sign-up page's own gate.
    { path: '/signup', Component: SignupAlias },
    // A team invitation's link: its own sign-in/sign-up prompt when signed out, which come back here.
    { path: '/invite/:token', Component: InvitePage },
    {
      Component: RequireAuth,
      children: [
        {
          Component: SignedInFrame,
          children: [
            { path: '/admin', Component: ConsoleGate, children: [...consoleRoutes, { path: '*', Component: NotFoundPage }] },
            { Component: AppLayout, children: [...appRoutes, { path: '*', Component: NotFoundPage }] },
          ],
        },
      ],
    },
  ]);
}
