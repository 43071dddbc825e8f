import { AdminAccountsPage } from '../admin/AdminAccountsPage';
import { AuditPage } from '../admin/AuditPage';
import { AdminAuditLogPage } from '../admin/audit-log/AdminAuditLogPage';
import { AdminModelsPage } from '../admin/catalog/AdminModelsPage';
import { AdminTiersPage } from '../admin/catalog/AdminTiersPage';
import { OverviewPage } from '../admin/console/overview/OverviewPage';
import { ReconciliationPage } from '../admin/console/reconciliation/ReconciliationPage';
import { RunwayPage } from '../admin/console/runway/RunwayPage';
import { ConsoleUsagePage } from '../admin/console/usage/ConsoleUsagePage';
import { AdminGatewayPage } from '../admin/gateway/AdminGatewayPage';
import { AdminOutboxPage } from '../admin/mail/AdminOutboxPage';
import { AdminOpenRouterPage } from '../admin/openrouter/AdminOpenRouterPage';
import { AdminCouponsPage } from '../admin/promotions/AdminCouponsPage';
import { AdminReferralsPage } from '../admin/promotions/AdminReferralsPage';
import { AdminUserPage } from '../admin/users/AdminUserPage';
import { AdminTeamsPage } from '../admin/teams/AdminTeamsPage';
import { AdminUsersPage } from '../admin/users/AdminUsersPage';
import type { ConsoleRoute } from './console-nav';

/**
 * Every screen of the admin console. Like APP_ROUTES, the router, the sidebar and the page title
 * all read this table. The older admin screens keep their /admin/... addresses.
 */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  { path: '/admin', label: 'Overview', group: 'Business', Component: OverviewPage, end: true },
  { path: '/admin/runway', label: 'Runway', group: 'Business', Component: RunwayPage },
  { path: '/admin/reconciliation', label: 'Reconciliation', group: 'Business', Component: ReconciliationPage },
  { path: '/admin/usage', label: 'Usage', group: 'Business', Component: ConsoleUsagePage },
  { path: '/admin/users', label: 'Users', group: 'People', Component: AdminUsersPage },
  { path: '/admin/users/:id', label: 'User', group: 'People', Component: AdminUserPage, hiddenInNav: true },
  { path: '/admin/teams', label: 'Teams', group: 'People', Component: AdminTeamsPage },
  // Grant, deduct and refund credit by account (the credit actions predate the user page).
  { path: '/admin/accounts', label: 'Accounts', group: 'People', Component: AdminAccountsPage },
  // Every mail sent (or kept here without SMTP_URL), with its links.
  { path: '/admin/outbox', label: 'Outbox', group: 'People', Component: AdminOutboxPage },
  { path: '/admin/models', label: 'Catalog', group: 'Catalog & gateway', Component: AdminModelsPage },
  { path: '/admin/tiers', label: 'Tiers', group: 'Catalog & gateway', Component: AdminTiersPage },
  { path: '/admin/gateway', label: 'Gateway', group: 'Catalog & gateway', Component: AdminGatewayPage },
  // Per-user OpenRouter keys (usage beside our metered cost) and OpenRouter's price import.
  { path: '/admin/openrouter', label: 'OpenRouter', group: 'Catalog & gateway', Component: AdminOpenRouterPage },
  { path: '/admin/coupons', label: 'Coupons', group: 'Promotions', Component: AdminCouponsPage },
  // The referral list and the promotion settings (sign-up credit, referral rewards) share a screen.
  { path: '/admin/referrals', label: 'Referrals & settings', group: 'Promotions', Component: AdminReferralsPage },
  { path: '/admin/audit-log', label: 'Audit log', group: 'Integrity', Component: AdminAuditLogPage },
  { path: '/admin/audit', label: 'Ledger audit', group: 'Integrity', Component: AuditPage },
];
