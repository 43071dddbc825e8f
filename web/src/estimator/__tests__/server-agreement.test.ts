import { describe, expect, it } from 'vitest';
import type { EstimateFigures } from '../client-estimate';
import { serverAgreement } from '../server-agreement';

const figures: EstimateFigures = {
  model: 'sandbox/echo',
  inputTokens: 9,
  maxOutputTokens: 2_048,
  expectedCredits: '0.108465',
  maxCredits: '0.431025',
  affordable: true,
};

describe('serverAgreement', () => {
  it('matches when every figure is equal to the micro-credit', () => {
    expect(serverAgreement({ ok: true, figures }, { ok: true, figures: { ...figures } })).toEqual({ kind: 'match' });
  });

  it('names each figure that differs', () => {
    const server = { ...figures, maxCredits: '0.431026', inputTokens: 10 };
    expect(serverAgreement({ ok: true, figures }, { ok: true, figures: server })).toEqual({ kind: 'mismatch', fields: ['inputTokens', 'maxCredits'] });
  });

  it('leaves affordability out while the browser does not know the balance', () => {
    expect(serverAgreement({ ok: true, figures: { ...figures, affordable: null } }, { ok: true, figures: { ...figures, affordable: false } })).toEqual({
      kind: 'match',
    });
  });

  it('agrees when both refuse with the same code, and not otherwise', () => {
    const refused = { ok: false as const, problem: { code: 'TIER_LIMIT_EXCEEDED', message: 'x' } };
    expect(serverAgreement(refused, { ok: false, code: 'TIER_LIMIT_EXCEEDED', message: 'y' })).toEqual({ kind: 'match' });
    expect(serverAgreement(refused, { ok: false, code: 'BAD_USER_INPUT', message: 'y' })).toEqual({ kind: 'mismatch', fields: ['outcome'] });
    expect(serverAgreement(refused, { ok: true, figures })).toEqual({ kind: 'mismatch', fields: ['outcome'] });
  });
});
