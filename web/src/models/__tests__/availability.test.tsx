import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AvailabilityBadge } from '../AvailabilityBadge';
import { UnavailableNote } from '../UnavailableNote';

const REASON = 'Its provider (OpenAI) is not configured on this server; add your own OpenAI key in Provider keys';
const html = (node: React.ReactNode) => renderToStaticMarkup(<MemoryRouter>{node}</MemoryRouter>);

describe('AvailabilityBadge', () => {
  it('says how a runnable model runs', () => {
    expect(html(<AvailabilityBadge allowed tierName="Pro" availability={{ runnable: true, via: 'platform' }} />)).toContain('>Ready</span>');
    expect(html(<AvailabilityBadge allowed tierName="Pro" availability={{ runnable: true, via: 'own-key' }} />)).toContain('Ready · your key');
    expect(html(<AvailabilityBadge allowed tierName="Pro" availability={{ runnable: true, via: 'offline' }} />)).toContain('Ready · offline');
  });

  it("marks a model the tier includes but no key can serve, with the server's reason on hover and for screen readers", () => {
    const out = html(<AvailabilityBadge allowed tierName="Pro" availability={{ runnable: false, reason: REASON }} />);
    expect(out).toContain('Needs a key');
    expect(out).toContain(`title="${REASON}"`);
    expect(out).toContain(`<span class="visually-hidden" data-testid="model-unavailable-reason">${REASON}</span>`);
  });

  it('puts the tier first: a model outside it is "Not on <tier>" whatever its provider', () => {
    const out = html(<AvailabilityBadge allowed={false} tierName="Free" availability={{ runnable: false, reason: 'Not included in your Free tier' }} />);
    expect(out).toContain('Not on Free');
    expect(out).not.toContain('Needs a key');
  });
});

describe('UnavailableNote', () => {
  it('says each reason once with the number of models it holds back, ignoring models outside the tier', () => {
    const models = [
      { allowed: true, availability: { runnable: false, reason: REASON } },
      { allowed: true, availability: { runnable: false, reason: REASON } },
      { allowed: false, availability: { runnable: false, reason: 'Not included in your Free tier' } },
      { allowed: true, availability: { runnable: true } },
    ];
    const out = html(<UnavailableNote models={models} />);
    expect(out).toContain(`${REASON} (2 models).`);
    expect(out).not.toContain('Not included');
    expect(out).toContain('href="/provider-keys"');
  });

  it('is absent when everything the tier includes can run', () => {
    expect(html(<UnavailableNote models={[{ allowed: true, availability: { runnable: true } }]} />)).toBe('');
  });
});
