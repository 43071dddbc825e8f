import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { setActingTeam } from './acting-account';
import { accountLabel, roleWord, type TeamSummary } from './team-roles';
import { useActingTeam } from './useActingTeam';
import { useMyTeams } from './useMyTeams';
import './teams.css';

/**
 * Which account the app acts for, a row of the top bar under the navigation (so it stays in view on
 * phones, where the rest folds behind the menu), and the way to switch: the personal account, each
 * team, then the team's pages and "Create a team". A disclosure, like the navigation's
 * groups (NavGroupMenu): plain buttons and links reached with Tab, Escape closes and gives focus
 * back to the button, leaving it with Tab or a click elsewhere closes it.
 */
export function TeamSwitcher() {
  const acting = useActingTeam();
  const { teams, current } = useMyTeams(acting);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  // Until the list arrives, the remembered name stands in (the role comes with the list).
  const label = acting ? (current ? accountLabel(current) : acting.name) : accountLabel(null);
  const choose = (team: TeamSummary | null) => {
    setActingTeam(team ? { id: team.id, name: team.name } : null);
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    button.current?.focus();
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div className={`team-bar team-switcher${open ? ' team-switcher-open' : ''}`} ref={root} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        className="button button-secondary team-switcher-button"
        aria-expanded={open}
        aria-controls="team-switcher-list"
        onClick={() => setOpen((was) => !was)}
        data-testid="team-switcher"
        data-account={acting?.id ?? 'personal'}
      >
        <span className="team-switcher-prefix">Acting for</span> <span className="team-switcher-current">{label}</span>
        <span className="nav-group-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div className="team-switcher-list" id="team-switcher-list" role="group" aria-label="Switch account">
        <ul>
          <AccountChoice label={accountLabel(null)} chosen={!acting} account="personal" onChoose={() => choose(null)} />
          {teams?.map((team) => (
            <AccountChoice key={team.id} label={accountLabel(team)} chosen={acting?.id === team.id} account={team.id} onChoose={() => choose(team)} />
          ))}
        </ul>
        <ul className="team-switcher-links">
          {acting && (
            <>
              <li>
                <Link to="/team/members" className="nav-link">
                  Members
                </Link>
              </li>
              <li>
                <Link to="/team/settings" className="nav-link">
                  Team settings
                </Link>
              </li>
            </>
          )}
          <li>
            <Link to="/teams" className="nav-link">
              All teams
            </Link>
          </li>
          <li>
            <Link to="/teams/new" className="nav-link" data-testid="create-team-link">
              Create a team
            </Link>
          </li>
        </ul>
      </div>
      {acting && current && (
        <span className="visually-hidden" role="status">
          Acting for {current.name} as {roleWord(current.myRole)}
        </span>
      )}
    </div>
  );
}

function AccountChoice({ label, chosen, account, onChoose }: { label: string; chosen: boolean; account: string; onChoose(): void }) {
  return (
    <li>
      <button
        type="button"
        className="nav-link team-switcher-choice"
        aria-pressed={chosen}
        onClick={onChoose}
        data-testid="switch-account"
        data-account={account}
      >
        {label}
      </button>
    </li>
  );
}
