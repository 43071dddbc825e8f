import { describe, expect, it } from 'vitest';
import { creditCapProblem, MAX_CREDIT_AMOUNT_MICRO, MAX_GIFT_MICRO, MAX_USD_CENTS, parseCredits } from '../money.js';

describe('the amount caps the server checks and the forms repeat', () => {
  it('are a million credits a request, a hundred thousand a gift, $100,000 a USD field', () => {
    expect(MAX_CREDIT_AMOUNT_MICRO).toBe(parseCredits('1000000'));
    expect(MAX_GIFT_MICRO).toBe(parseCredits('100000'));
    expect(MAX_USD_CENTS).toBe(100_000_00);
  });

  it('accept the cap itself and refuse one micro-credit more, in words', () => {
    expect(creditCapProblem(MAX_CREDIT_AMOUNT_MICRO)).toBeUndefined();
    expect(creditCapProblem(0n)).toBeUndefined();
    expect(creditCapProblem(MAX_CREDIT_AMOUNT_MICRO + 1n)).toBe('At most 1,000,000 credits');
    expect(creditCapProblem(parseCredits('99999999999999999'))).toBe('At most 1,000,000 credits');
    expect(creditCapProblem(MAX_GIFT_MICRO + 1n, MAX_GIFT_MICRO)).toBe('At most 100,000 credits');
    expect(creditCapProblem(2n, 1_500_000n)).toBeUndefined();
    expect(creditCapProblem(1_500_001n, 1_500_000n)).toBe('At most 1.5 credits');
  });
});
