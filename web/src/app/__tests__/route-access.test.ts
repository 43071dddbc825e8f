import { describe, expect, it } from 'vitest';
import { canAccess, navRoutes, visibleRoutes } from '../route-access';

const routes = [
  { path: '/', label: 'Dashboard' },
  { path: '/admin', label: 'Admin console', adminOnly: true },
  { path: '/api-keys', label: 'API keys', adminOnly: false },
];

describe('visibleRoutes', () => {
  it('hides admin-only entries from users', () => {
    expect(visibleRoutes(routes, 'user').map((r) => r.path)).toEqual(['/', '/api-keys']);
  });

  it('hides admin-only entries while the role is not known yet', () => {
    expect(visibleRoutes(routes, undefined).map((r) => r.path)).toEqual(['/', '/api-keys']);
  });

  it('shows admins every entry, in table order', () => {
    expect(visibleRoutes(routes, 'admin').map((r) => r.path)).toEqual(['/', '/admin', '/api-keys']);
  });
});

describe('canAccess', () => {
  it('lets everyone open routes without a restriction', () => {
    expect(canAccess({}, 'user')).toBe(true);
    expect(canAccess({ adminOnly: true }, 'user')).toBe(false);
    expect(canAccess({ adminOnly: true }, 'admin')).toBe(true);
  });
});

describe('navRoutes', () => {
  it('leaves out screens reached only by link (a checkout return page)', () => {
    const withReturn = [...routes, { path: '/billing/success', label: 'Payment', hiddenInNav: true }];
    expect(navRoutes(withReturn, 'admin').map((r) => r.path)).toEqual(['/', '/admin', '/api-keys']);
    expect(visibleRoutes(withReturn, 'user').map((r) => r.path)).toContain('/billing/success');
  });
});
