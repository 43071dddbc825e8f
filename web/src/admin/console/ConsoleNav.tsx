import { consoleNav } from '../../app/console-nav';
import { CONSOLE_ROUTES } from '../../app/console-routes';
import { RouteLinks } from '../../layout/NavLinks';

/** The console's sidebar: every admin screen, under the question it answers. */
export function ConsoleNav({ id }: { id: string }) {
  return (
    <nav aria-label="Console" className="console-nav" id={id}>
      {consoleNav(CONSOLE_ROUTES).map(({ group, routes }) => (
        <section key={group} className="console-nav-group">
          <h2 className="console-nav-heading">{group}</h2>
          <RouteLinks routes={routes} />
        </section>
      ))}
    </nav>
  );
}
