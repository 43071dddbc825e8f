import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../ui/format-date';
import { describeProblem, problemAction } from '../describe-problem';
import { problemFromGraphQLError } from '../problem';

const RESETS = '2026-12-06T00:00:00.000Z';

/** A spend-cap refusal as the server sends it over GraphQL. */
function refusal(extensions: Record<string, unknown>) {
  return problemFromGraphQLError({
    message: `This API key's spend cap of 1.00 credits per day is reached; it resets at ${RESETS}`,
    extensions: { code: 'TIER_LIMIT_EXCEEDED', limit: 'spend_cap', capMicro: '1000000', spentMicro: '1000000', period: 'day', resetsAt: RESETS, ...extensions },
  });
}

describe('a spend-cap refusal', () => {
  it("names the key's cap and its reset as a local date and time, not the raw ISO", () => {
    const text = describeProblem(refusal({ capScope: 'key' }));
    expect(text).toBe(`This API key's spend cap of 1.00 credits per day is reached. It resets on ${formatDateTime(RESETS)}.`);
    expect(text).toMatch(/spend cap/i);
    expect(text).not.toContain(RESETS);
    expect(text).not.toMatch(/T\d\d:\d\d/);
  });

  it('offers no tier link: a tier does not lift a cap', () => {
    expect(problemAction(refusal({ capScope: 'key' }))).toBeUndefined();
    expect(problemAction(refusal({ capScope: 'member' }))).toBeUndefined();
    expect(describeProblem(refusal({ capScope: 'member' }))).not.toMatch(/tier/i);
  });

  it("tells a member that an owner or admin of the team can raise the member's cap", () => {
    expect(describeProblem(refusal({ capScope: 'member', period: 'week' }))).toBe(
      `Your spend cap on this team of 1.00 credits per week is reached. It resets on ${formatDateTime(RESETS)}. An owner or admin of the team can raise it.`,
    );
  });

  it("says when the call's worst case is more than what is left, rather than that the cap is reached", () => {
    const text = describeProblem(refusal({ capScope: 'key', spentMicro: '400000', askedMicro: '750000' }));
    expect(text).toBe(
      `This call may cost up to 0.75 credits, more than the 0.60 credits left of this API key's spend cap of 1.00 credits per day. Lower the maximum tokens, or wait until it resets on ${formatDateTime(RESETS)}.`,
    );
  });

  it("falls back to the server's words, still without a tier link, when the extensions are incomplete", () => {
    const problem = refusal({ capScope: 'team', capMicro: 'lots' });
    expect(problem.spendCap).toBeUndefined();
    expect(problemAction(problem)).toBeUndefined();
    expect(describeProblem(problem)).toMatch(/spend cap/);
  });

  it('leaves the other tier limits with their link to the tiers', () => {
    const problem = problemFromGraphQLError({
      message: 'Your Free tier allows at most 2048 output tokens',
      extensions: { code: 'TIER_LIMIT_EXCEEDED', limit: 'max_tokens' },
    });
    expect(problemAction(problem)).toMatchObject({ to: '/tiers', label: 'Compare tiers' });
  });
});
