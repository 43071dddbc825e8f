import type { Role } from '@tollgate/shared';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { appNav, type NavGroup } from '../app/app-nav';
import { APP_ROUTES } from '../app/routes';
import { NavGroupMenu } from './NavGroupMenu';
import { RouteLink } from './RouteLinks';

// The console's sidebar imports its link list from here.
export { RouteLinks } from './RouteLinks';

/**
 * The user app's navigation: the first hour's screens as links, then one menu per group (Build,
 * Billing, Settings), so the row stays short as screens are added. One menu is open at a time; it
 * closes on navigation and on a click elsewhere. On phones (inside the folded top bar) the groups
 * are shown open, as labelled lists: see layout.css.
 */
export function NavLinks({ role }: { role: Role }) {
  const { top, groups } = appNav(APP_ROUTES, role);
  const [open, setOpen] = useState<NavGroup | null>(null);
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(null), [pathname]);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!nav.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  return (
    <nav aria-label="Main" className="nav" ref={nav}>
      <ul className="nav-row">
        {top.map((route) => (
          <li key={route.path}>
            <RouteLink route={route} />
          </li>
        ))}
        {groups.map(({ group, routes }) => (
          <li key={group}>
            <NavGroupMenu
              group={group}
              routes={routes}
              open={open === group}
              onToggle={() => setOpen((was) => (was === group ? null : group))}
              onClose={() => setOpen(null)}
            />
          </li>
        ))}
      </ul>
    </nav>
  );
}
