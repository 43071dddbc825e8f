import type { Role } from '@tollgate/shared';
import { NavLink } from 'react-router';
import { navRoutes } from '../app/route-access';
import { APP_ROUTES } from '../app/routes';

export function NavLinks({ role }: { role: Role }) {
  return (
    <nav aria-label="Main" className="nav">
      <ul>
        {navRoutes(APP_ROUTES, role).map((route) => (
          <li key={route.path}>
            <NavLink to={route.path} end={route.end} className="nav-link">
              {route.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
