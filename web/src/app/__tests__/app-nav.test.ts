import { describe, expect, it } from 'vitest';
import { appNav, NAV_GROUPS, type NavEntry } from '../app-nav';

const ROUTES: NavEntry[] = [
  { path: '/', label: 'Dashboard', end: true },
  { path: '/playground', label: 'Playground' },
  { path: '/provider-keys', label: 'Provider keys', group: 'Settings' },
  { path: '/models', label: 'Models', group: 'Build' },
  { path: '/billing', label: 'Billing', group: 'Billing' },
  { path: '/billing/success', label: 'Payment', hiddenInNav: true },
  { path: '/usage', label: 'Usage', group: 'Billing' },
  { path: '/api-keys', label: 'API keys', group: 'Build' },
  { path: '/ops', label: 'Ops', group: 'Settings', adminOnly: true },
];

describe('appNav', () => {
  it('puts the ungrouped screens in the row, then the groups in their fixed order, each in table order', () => {
    const nav = appNav(ROUTES, 'user');
    expect(nav.top.map((route) => route.label)).toEqual(['Dashboard', 'Playground']);
    expect(nav.groups.map((section) => section.group)).toEqual([...NAV_GROUPS]);
    expect(nav.groups[0]!.routes.map((route) => route.label)).toEqual(['Models', 'API keys']);
    expect(nav.groups[1]!.routes.map((route) => route.label)).toEqual(['Billing', 'Usage']);
  });

  it('leaves out screens reached only by link, and those the role may not open', () => {
    const labels = (role: 'user' | 'admin') => appNav(ROUTES, role).groups.flatMap((section) => section.routes.map((route) => route.label));
    expect(labels('user')).not.toContain('Payment');
    expect(labels('user')).not.toContain('Ops');
    expect(labels('admin')).toContain('Ops');
  });

  it('drops a group with nothing in it for this role', () => {
    const nav = appNav([ROUTES[0]!, ROUTES[8]!], 'user');
    expect(nav.groups).toEqual([]);
  });
});
