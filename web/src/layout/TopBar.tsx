import { Link } from 'react-router';
import type { CurrentUser } from '../auth/CurrentUserContext';
import { BalanceWidget } from '../credits/BalanceWidget';
import { TeamSwitcher } from '../teams/TeamSwitcher';
import { AccountControls } from './AccountControls';
import { MenuButton, useFoldingMenu } from './MenuButton';
import { NavLinks } from './NavLinks';

/** Brand, navigation and account controls. At 1100px and below the navigation folds behind a menu button. */
export function TopBar({ user }: { user: CurrentUser }) {
  const menu = useFoldingMenu();

  return (
    <header className={`topbar${menu.open ? ' topbar-open' : ''}`}>
      <div className="topbar-row">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tollgate
        </span>
        {/* In the row that stays visible on phones, where the rest folds behind the menu. */}
        <BalanceWidget />
        <MenuButton menu={menu} controls="app-menu" className="menu-button" />
      </div>
      <div className="topbar-menu" id="app-menu">
        <NavLinks role={user.role} />
        <div className="account">
          {/* The one way into the admin console: its screens are not in the user's navigation. */}
          {user.role === 'admin' && (
            <Link to="/admin" className="button button-secondary console-switch" data-testid="console-link">
              Console
            </Link>
          )}
          <AccountControls email={user.email} />
        </div>
      </div>
      {/* The account everything on screen belongs to (personal or a team), and the way to switch: a row of its own, never folded. */}
      <TeamSwitcher />
    </header>
  );
}
