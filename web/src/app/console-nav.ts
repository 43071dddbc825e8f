import type { ComponentType } from 'react';

/** The console sidebar's sections, in order: what an operator asks about, grouped. */
export const CONSOLE_GROUPS = ['Business', 'People', 'Catalog & gateway', 'Promotions', 'Integrity'] as const;
export type ConsoleGroup = (typeof CONSOLE_GROUPS)[number];

export interface ConsoleRoute {
  path: string;
  /** Shown in the sidebar and the document title. */
  label: string;
  group: ConsoleGroup;
  Component: ComponentType;
  /** Highlight the sidebar link only on an exact match (the overview at /admin). */
  end?: boolean;
  /** Reached by a link (one user's page), not from the sidebar. */
  hiddenInNav?: boolean;
}

/** The sidebar: each group with its linked screens, in table order. */
export function consoleNav(routes: readonly ConsoleRoute[]): { group: ConsoleGroup; routes: ConsoleRoute[] }[] {
  return CONSOLE_GROUPS.map((group) => ({ group, routes: routes.filter((r) => r.group === group && !r.hiddenInNav) })).filter(
    (section) => section.routes.length > 0,
  );
}
