import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AttributionFilter } from '../AttributionFilter';

const MEMBERS = [{ id: '0b9f6c3e-1d2a-4c5b-8e7f-112233445566', label: 'ann@example.com' }];
const KEYS = [{ id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', label: 'ci (ann@example.com)' }];
const render = (memberId: string | null, apiKeyId: string | null) =>
  renderToStaticMarkup(<AttributionFilter members={MEMBERS} keys={KEYS} memberId={memberId} apiKeyId={apiKeyId} onChange={() => {}} />);

describe('<AttributionFilter>', () => {
  it('offers every member and key, with "every" first', () => {
    const out = render(null, null);
    expect(out).toContain('<option value="" selected="">Every member</option><option value="0b9f6c3e-1d2a-4c5b-8e7f-112233445566">ann@example.com</option>');
    expect(out).toContain('<option value="" selected="">Every key</option>');
  });

  it('keeps a filter from a link that names someone no longer listed, instead of widening the view', () => {
    const gone = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
    expect(render(gone, null)).toContain(`<option value="${gone}" selected="">${gone}</option>`);
  });
});
