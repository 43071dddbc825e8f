import { Link, Outlet, matchPath, useLocation } from 'react-router';
import { CONSOLE_ROUTES } from '../../app/console-routes';
import { useCurrentUser } from '../../auth/CurrentUserContext';
import { AccountControls } from '../../layout/AccountControls';
import { MenuButton, useFoldingMenu } from '../../layout/MenuButton';
import { useDocumentTitle } from '../../layout/useDocumentTitle';
import { ConsoleNav } from './ConsoleNav';
import './console.css';

/**
 * The admin console's own frame: a slim top bar (with the way back to the app) and a grouped
 * sidebar. No balance widget and no low-balance banner: the operator's own account is not the
 * subject here. Below 900px the sidebar folds behind the menu button.
 */
export function ConsoleLayout() {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const menu = useFoldingMenu();
  const current = CONSOLE_ROUTES.find((route) => matchPath({ path: route.path, end: true }, pathname));
  useDocumentTitle(current ? `${current.label} · Console` : 'Console');

  return (
    <div className={`console-shell${menu.open ? ' console-open' : ''}`} data-testid="console">
      <header className="console-topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tollgate <span className="console-badge">Console</span>
        </span>
        <MenuButton menu={menu} controls="console-nav" className="console-menu-button" />
        <div className="console-account">
          <Link to="/" className="button button-secondary" data-testid="back-to-app">
            ← Back to the app
          </Link>
          <AccountControls email={user.email} />
        </div>
      </header>
      <div className="console-body">
        <ConsoleNav id="console-nav" />
        <main className="console-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
