import type { ComponentType } from 'react';
import { BillingPage } from '../billing/BillingPage';
import { CheckoutCancelPage } from '../billing/CheckoutCancelPage';
import { CheckoutSuccessPage } from '../billing/CheckoutSuccessPage';
import { ApiKeysPage } from '../api-keys/ApiKeysPage';
import { AccountPage } from '../account/AccountPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { EstimatorPage } from '../estimator/EstimatorPage';
import { ModelsPage } from '../models/ModelsPage';
import { NotificationsPage } from '../notifications/NotificationsPage';
import { PlaygroundPage } from '../playground/PlaygroundPage';
import { GiftClaimPage } from '../promotions/GiftClaimPage';
import { PromotionsPage } from '../promotions/PromotionsPage';
import { ProviderKeysPage } from '../provider-keys/ProviderKeysPage';
import { TiersPage } from '../tiers/TiersPage';
import { TransactionsPage } from '../transactions/TransactionsPage';
import { UsagePage } from '../usage/UsagePage';
import { CreateTeamPage } from '../teams/CreateTeamPage';
import { TeamMembersPage } from '../teams/TeamMembersPage';
import { TeamSettingsPage } from '../teams/TeamSettingsPage';
import { TeamsPage } from '../teams/TeamsPage';
import type { NavGroup } from './app-nav';
import type { RouteAccess } from './route-access';

export { NAV_GROUPS, type NavGroup } from './app-nav';

export interface AppRoute extends RouteAccess {
  path: string;
  /** The navigation menu the link sits in (app-nav.ts); without one, the link is in the top row itself. */
  group?: NavGroup;
  /** Shown in the navigation and the document title. */
  label: string;
  Component: ComponentType;
  /** Highlight the nav link only on an exact match (for "/"). */
  end?: boolean;
  /** A screen reached by a link or a redirect (a checkout's return page), not from the navigation. */
  hiddenInNav?: boolean;
}

/**
 * Every screen of the signed-in user app, in navigation order within each group. Adding a screen is
 * adding an entry (with its `group`): the router, the navigation and the page title all read this table. Admin screens are not here:
 * they live in the console (console-routes.tsx), so the user app's navigation stays short for everyone.
 */
export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/', label: 'Dashboard', Component: DashboardPage, end: true },
  { path: '/playground', label: 'Playground', Component: PlaygroundPage },
  { path: '/models', label: 'Models', group: 'Build', Component: ModelsPage },
  { path: '/estimator', label: 'Estimator', group: 'Build', Component: EstimatorPage },
  { path: '/api-keys', label: 'API keys', group: 'Build', Component: ApiKeysPage },
  { path: '/billing', label: 'Billing', group: 'Billing', Component: BillingPage },
  // Stripe Checkout's (and the test checkout's) return URLs: `${PUBLIC_URL}/billing/success?session_id=…`.
  { path: '/billing/success', label: 'Payment', Component: CheckoutSuccessPage, hiddenInNav: true },
  { path: '/billing/cancel', label: 'Checkout canceled', Component: CheckoutCancelPage, hiddenInNav: true },
  { path: '/usage', label: 'Usage', group: 'Billing', Component: UsagePage },
  { path: '/transactions', label: 'Transactions', group: 'Billing', Component: TransactionsPage },
  { path: '/tiers', label: 'Tiers', group: 'Billing', Component: TiersPage },
  { path: '/promotions', label: 'Promotions', group: 'Billing', Component: PromotionsPage },
  // A gift's claim link (`${PUBLIC_URL}/gifts/claim?token=…`): behind sign-in, which comes back here.
  { path: '/gifts/claim', label: 'Claim a gift', Component: GiftClaimPage, hiddenInNav: true },
  { path: '/settings/account', label: 'Account', group: 'Settings', Component: AccountPage },
  { path: '/settings/notifications', label: 'Notifications', group: 'Settings', Component: NotificationsPage },
  { path: '/provider-keys', label: 'Provider keys', group: 'Settings', Component: ProviderKeysPage },
  { path: '/teams', label: 'Teams', group: 'Settings', Component: TeamsPage },
  { path: '/teams/new', label: 'Create a team', Component: CreateTeamPage, hiddenInNav: true },
  // The acting team's pages (the team switcher links them; acting for the personal account they say how to switch).
  { path: '/team/members', label: 'Team members', Component: TeamMembersPage, hiddenInNav: true },
  { path: '/team/settings', label: 'Team settings', Component: TeamSettingsPage, hiddenInNav: true },
];
