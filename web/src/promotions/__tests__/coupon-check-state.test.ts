import { describe, expect, it } from 'vitest';
import { previewFor } from '../coupon-check-state';

const offer = { code: 'WELCOME10', kind: 'CREDITS' as const, credits: '10.000000' };

describe('previewFor', () => {
  it('is idle for an empty field and checking while typing', () => {
    expect(previewFor({ code: '', settled: '' })).toEqual({ state: 'idle' });
    expect(previewFor({ code: 'WELC', settled: 'WEL', answer: { valid: true, offer } })).toEqual({ state: 'checking' });
  });

  it('hints at the format without asking the server', () => {
    expect(previewFor({ code: 'A B', settled: 'A B' })).toMatchObject({ state: 'invalid', reason: 'NOT_FOUND' });
  });

  it("shows the server's verdict once it arrived, and checking until then", () => {
    expect(previewFor({ code: 'WELCOME10', settled: 'WELCOME10' })).toEqual({ state: 'checking' });
    expect(previewFor({ code: 'WELCOME10', settled: 'WELCOME10', answer: { valid: true, offer } })).toMatchObject({ state: 'valid' });
    expect(previewFor({ code: 'OLD1', settled: 'OLD1', answer: { valid: false, reason: 'EXPIRED', offer: null } })).toMatchObject({
      state: 'invalid',
      reason: 'EXPIRED',
    });
  });

  it('says when the check itself failed, which is not a refusal', () => {
    expect(previewFor({ code: 'WELCOME10', settled: 'WELCOME10', failed: true })).toMatchObject({ state: 'invalid', reason: 'UNKNOWN' });
  });
});
