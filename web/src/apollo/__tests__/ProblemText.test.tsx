import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ProblemWording } from '../describe-problem';
import type { ApiProblem } from '../problem';
import { ProblemText } from '../ProblemText';

const render = (problem: ApiProblem, wording?: ProblemWording) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <ProblemText problem={problem} wording={wording} />
    </MemoryRouter>,
  );

describe('ProblemText', () => {
  it('links a person short of credits to Billing, instead of the plain-text hint', () => {
    const html = render({ code: 'INSUFFICIENT_CREDITS', message: 'x' });
    expect(html).toMatch(/^Not enough credits for this\. <a [^>]*href="\/billing"[^>]*>Buy credits<\/a>$/);
  });

  it('links a tier refusal to the tiers', () => {
    expect(render({ code: 'TIER_LIMIT_EXCEEDED', message: 'Your Free tier allows at most 2048 output tokens' })).toContain('href="/tiers"');
  });

  it('says the rest in words alone, and lets the screen word a code its own way', () => {
    expect(render({ code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 894 })).toBe('Too many attempts — try again in 15 minutes.');
    expect(render({ code: 'INSUFFICIENT_CREDITS', message: 'x' }, { INSUFFICIENT_CREDITS: 'Top up first.' })).toBe('Top up first.');
  });
});
