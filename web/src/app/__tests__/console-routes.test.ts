import { describe, expect, it } from 'vitest';
import { CONSOLE_GROUPS, consoleNav, type ConsoleRoute } from '../console-nav';

const Page = () => null;
const ROUTES: ConsoleRoute[] = [
  { path: '/admin/models', label: 'Catalog', group: 'Catalog & gateway', Component: Page },
  { path: '/admin', label: 'Overview', group: 'Business', Component: Page, end: true },
  { path: '/admin/users', label: 'Users', group: 'People', Component: Page },
  { path: '/admin/users/:id', label: 'User', group: 'People', Component: Page, hiddenInNav: true },
  { path: '/admin/runway', label: 'Runway', group: 'Business', Component: Page },
];

describe('consoleNav', () => {
  it('lists the groups in their fixed order, each screen in table order, empty groups left out', () => {
    const nav = consoleNav(ROUTES);
    expect(nav.map((section) => section.group)).toEqual(['Business', 'People', 'Catalog & gateway']);
    expect(nav[0]!.routes.map((route) => route.label)).toEqual(['Overview', 'Runway']);
    expect(CONSOLE_GROUPS.indexOf('Integrity')).toBe(CONSOLE_GROUPS.length - 1);
  });

  it('leaves out screens reached only by link (one user)', () => {
    const paths = consoleNav(ROUTES).flatMap((section) => section.routes.map((route) => route.path));
    expect(paths).not.toContain('/admin/users/:id');
    expect(paths).toContain('/admin/users');
  });
});
