import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { NavGroupMenu } from '../NavGroupMenu';

const ROUTES = [
  { path: '/models', label: 'Models' },
  { path: '/api-keys', label: 'API keys' },
];

function render(at: string, open: boolean): string {
  return renderToStaticMarkup(
    <MemoryRouter initialEntries={[at]}>
      <NavGroupMenu group="Build" routes={ROUTES} open={open} onToggle={() => {}} onClose={() => {}} />
    </MemoryRouter>,
  );
}

describe('NavGroupMenu', () => {
  it('is a button that says whether its links are shown and which list it controls', () => {
    const closed = render('/', false);
    expect(closed).toMatch(/<button[^>]*aria-expanded="false"[^>]*aria-controls="nav-group-build"/);
    expect(closed).toContain('id="nav-group-build"');
    expect(closed).toContain('aria-label="Build"');
    expect(closed).not.toContain('nav-group-open');
    expect(render('/', true)).toMatch(/aria-expanded="true"/);
  });

  it('keeps its screens as links, the current one marked for assistive technology', () => {
    const html = render('/api-keys', false);
    expect(html).toMatch(/<a[^>]*aria-current="page"[^>]*href="\/api-keys"|<a[^>]*href="\/api-keys"[^>]*aria-current="page"/);
    expect(html).toContain('href="/models"');
    expect(html).toContain('nav-group-current');
  });

  it('is not marked when the current screen is elsewhere', () => {
    expect(render('/billing', false)).not.toContain('nav-group-current');
  });
});
