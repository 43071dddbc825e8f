import type { Role } from '@tollgate/shared';
import { NavLink } from 'react-router';
import { navRoutes } from '../app/route-access';
import { APP_ROUTES } from '../app/routes';

export function NavLinks({ role }: { role: Role }) {
  return (
    <nav aria-label="Main" className="nav">
      <RouteLinks routes={navRoutes(APP_ROUTES, role)} />
    </nav>
  );
}

/** A list of links to routes, the current one marked (the app's navigation and the console's sidebar). */
export function RouteLinks({ routes }: { routes: readonly { path: string; end?: boolean; label: string }[] }) {
  return (
    <ul>
      {routes.map((route) => (
        <li key={route.path}>
          <NavLink to={route.path} end={route.end} className="nav-link">
            {route.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
