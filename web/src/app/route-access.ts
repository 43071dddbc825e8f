import type { Role } from '@tollgate/shared';

export interface RouteAccess {
  adminOnly?: boolean;
  hiddenInNav?: boolean;
}

/** Whether a user with `role` may open a route (and so see it in the navigation). */
export function canAccess(route: RouteAccess, role: Role | undefined): boolean {
  return !route.adminOnly || role === 'admin';
}

/** The routes a user with `role` may open, in table order. */
export function visibleRoutes<R extends RouteAccess>(routes: readonly R[], role: Role | undefined): R[] {
  return routes.filter((route) => canAccess(route, role));
}

/** The routes the navigation lists for `role`: those it may open, less the ones reached only by link. */
export function navRoutes<R extends RouteAccess>(routes: readonly R[], role: Role | undefined): R[] {
  return visibleRoutes(routes, role).filter((route) => !route.hiddenInNav);
}
