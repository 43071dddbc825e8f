import { NavLink } from 'react-router';

/** One screen's link; NavLink marks the current one with aria-current="page" and `.active`. */
export function RouteLink({ route }: { route: { path: string; end?: boolean; label: string } }) {
  return (
    <NavLink to={route.path} end={route.end} className="nav-link">
      {route.label}
    </NavLink>
  );
}

/** A list of links to routes, the current one marked (the console's sidebar, one list per group). */
export function RouteLinks({ routes }: { routes: readonly { path: string; end?: boolean; label: string }[] }) {
  return (
    <ul>
      {routes.map((route) => (
        <li key={route.path}>
          <RouteLink route={route} />
        </li>
      ))}
    </ul>
  );
}
