import { describe, expect, it } from 'vitest';
import { EMPTY_GIFT, giftProblems, toSendGiftInput } from '../gift-form';

describe('gift form', () => {
  it('accepts an email, an amount and an optional message', () => {
    expect(giftProblems({ recipientEmail: 'friend@example.com', credits: '2.5', message: '' })).toEqual({});
  });

  it('refuses a missing email, a bad amount, a gift to oneself and a long message', () => {
    const problems = giftProblems({ ...EMPTY_GIFT, credits: '-1', message: 'x'.repeat(501) });
    expect(Object.keys(problems).sort()).toEqual(['credits', 'message', 'recipientEmail']);
    expect(giftProblems({ recipientEmail: 'Me@Example.com', credits: '1', message: '' }, 'me@example.com').recipientEmail).toMatch(/yourself/);
    expect(giftProblems({ recipientEmail: 'a@example.com', credits: '0', message: '' }).credits).toBe('Amount must be greater than zero');
    // The server's gift cap, not the ledger's larger one.
    expect(giftProblems({ recipientEmail: 'a@example.com', credits: '100000', message: '' }).credits).toBeUndefined();
    expect(giftProblems({ recipientEmail: 'a@example.com', credits: '100000.000001', message: '' }).credits).toBe('At most 100,000 credits');
  });

  it('sends the exact amount and the normalized email, and leaves out an empty message', () => {
    expect(toSendGiftInput({ recipientEmail: ' Friend@Example.com ', credits: '2.5', message: '  ' }, 'k1')).toEqual({
      recipientEmail: 'friend@example.com',
      credits: '2.500000',
      idempotencyKey: 'k1',
    });
  });
});
