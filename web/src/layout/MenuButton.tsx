import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

/** A menu that folds behind a button on narrow screens: closed again on every navigation. */
export function useFoldingMenu() {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  return { open, toggle: () => setOpen((was) => !was) };
}

/** The button that opens and closes a folding menu (`controls`: the menu's id). */
export function MenuButton({ menu, controls, className }: { menu: ReturnType<typeof useFoldingMenu>; controls: string; className: string }) {
  return (
    <button
      type="button"
      className={`button button-ghost ${className}`}
      aria-expanded={menu.open}
      aria-controls={controls}
      onClick={menu.toggle}
      data-testid="menu-button"
    >
      <span aria-hidden="true">{menu.open ? '✕' : '☰'}</span> Menu
    </button>
  );
}
