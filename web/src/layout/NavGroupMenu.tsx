import { useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { matchPath, useLocation } from 'react-router';
import type { NavGroup } from '../app/app-nav';
import { RouteLinks } from './RouteLinks';

interface Props {
  group: NavGroup;
  routes: readonly { path: string; end?: boolean; label: string }[];
  open: boolean;
  onToggle(): void;
  onClose(): void;
}

/**
 * One navigation group as a disclosure menu: a button (aria-expanded) that shows the group's links
 * below it. A disclosure rather than an ARIA `menu`: its items are ordinary links, reached with Tab
 * like every other link, so no roving focus to learn. Escape closes it and gives focus back to the
 * button; tabbing out of it closes it. The button is marked while the current screen is in the group.
 */
export function NavGroupMenu({ group, routes, open, onToggle, onClose }: Props) {
  const { pathname } = useLocation();
  const button = useRef<HTMLButtonElement>(null);
  const current = routes.some((route) => matchPath({ path: route.path, end: route.end ?? false }, pathname));
  const listId = `nav-group-${group.toLowerCase()}`;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    onClose();
    button.current?.focus();
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) onClose();
  };

  return (
    <div
      className={`nav-group${open ? ' nav-group-open' : ''}${current ? ' nav-group-current' : ''}`}
      data-nav-group={group}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      <button ref={button} type="button" className="nav-link nav-group-button" aria-expanded={open} aria-controls={listId} onClick={onToggle}>
        {group}
        <span className="nav-group-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {/* On phones the button gives way to this label and the list is always shown (layout.css). */}
      <span className="nav-group-label" aria-hidden="true">
        {group}
      </span>
      <div className="nav-group-list" id={listId} aria-label={group} role="group">
        <RouteLinks routes={routes} />
      </div>
    </div>
  );
}
