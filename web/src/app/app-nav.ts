import type { Role } from '@tollgate/shared';
import { navRoutes, type RouteAccess } from './route-access';

/**
 * The user app's navigation groups (what a person came to do), in order. The navigation shows the
 * screens without a group as links of their own (Dashboard, Playground: the first hour's screens),
 * then one menu per group, so the top row stays five entries long however many screens are added.
 */
export const NAV_GROUPS = ['Build', 'Billing', 'Settings'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavEntry extends RouteAccess {
  path: string;
  label: string;
  group?: NavGroup;
  end?: boolean;
}

export interface AppNav<R> {
  /** Screens linked directly from the top row, in table order. */
  top: R[];
  /** Each group with its screens in table order; groups with nothing for this role are left out. */
  groups: { group: NavGroup; routes: R[] }[];
}

/** The navigation `role` sees: the screens it may open, less those reached only by link, grouped. */
export function appNav<R extends NavEntry>(routes: readonly R[], role: Role | undefined): AppNav<R> {
  const linked = navRoutes(routes, role);
  return {
    top: linked.filter((route) => !route.group),
    groups: NAV_GROUPS.map((group) => ({ group, routes: linked.filter((route) => route.group === group) })).filter((section) => section.routes.length > 0),
  };
}
