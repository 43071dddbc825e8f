import { describe, expect, it } from 'vitest';
import {
  completionMessage,
  confirmationQuestion,
  creditActionFieldOf,
  creditActionProblems,
  EMPTY_CREDIT_ACTION,
  toCreditActionRequest,
} from '../credit-action';

const TODAY = '2025-03-05';
const TX = '3f2b9c1e-5d7a-4c1b-9e0f-1a2b3c4d5e6f';
const values = (over: Partial<typeof EMPTY_CREDIT_ACTION>) => ({ ...EMPTY_CREDIT_ACTION, ...over });

describe('creditActionProblems', () => {
  it('accepts a grant with an amount and a reason', () => {
    expect(creditActionProblems('grant', values({ amount: '12.5', reason: 'Goodwill' }), TODAY)).toEqual({});
  });

  it('refuses a 7-decimal amount, zero and a missing reason in every dialog', () => {
    for (const kind of ['grant', 'deduct', 'refund'] as const) {
      const errors = creditActionProblems(kind, values({ amount: '1.1234567', transactionId: TX }), TODAY);
      expect(errors.amount).toBe('Use at most 6 decimal places');
      expect(errors.reason).toMatch(/reason/);
      expect(creditActionProblems(kind, values({ amount: '0', reason: 'x', transactionId: TX }), TODAY).amount).toBe('Amount must be greater than zero');
    }
  });

  it('caps the amount in the browser exactly where the server does: 1,000,000 credits', () => {
    for (const kind of ['grant', 'deduct', 'refund'] as const) {
      expect(creditActionProblems(kind, values({ amount: '1000000', reason: 'x', transactionId: TX }), TODAY)).toEqual({});
      expect(creditActionProblems(kind, values({ amount: '1000000.000001', reason: 'x', transactionId: TX }), TODAY).amount).toBe('At most 1,000,000 credits');
      expect(creditActionProblems(kind, values({ amount: '99999999999999999', reason: 'x', transactionId: TX }), TODAY).amount).toBe(
        'At most 1,000,000 credits',
      );
    }
  });

  it('lets a refund leave the amount empty, but needs a transaction id', () => {
    expect(creditActionProblems('refund', values({ reason: 'Bad answer', transactionId: TX }), TODAY)).toEqual({});
    expect(creditActionProblems('refund', values({ reason: 'x' }), TODAY).transactionId).toMatch(/id/);
    expect(creditActionProblems('refund', values({ reason: 'x', transactionId: 'call:123' }), TODAY).transactionId).toMatch(/Not a transaction id/);
  });

  it('refuses a grant expiring on a day that has passed, but allows today', () => {
    expect(creditActionProblems('grant', values({ amount: '1', reason: 'x', expiresOn: '2025-03-04' }), TODAY).expiresOn).toBe('That day has passed');
    expect(creditActionProblems('grant', values({ amount: '1', reason: 'x', expiresOn: TODAY }), TODAY)).toEqual({});
  });
});

describe('toCreditActionRequest', () => {
  it('sends the exact amount, the trimmed reason and the dialog key', () => {
    expect(toCreditActionRequest('deduct', values({ amount: '2.5', reason: ' Abuse ' }), 'u1', 'k1')).toEqual({
      kind: 'deduct',
      input: { userId: 'u1', amount: '2.500000', reason: 'Abuse', idempotencyKey: 'k1' },
    });
  });

  it('makes a grant expire at the end of the chosen local day', () => {
    const { input } = toCreditActionRequest('grant', values({ amount: '1', reason: 'x', expiresOn: '2025-03-31' }), 'u1', 'k');
    expect(input).toMatchObject({ expiresAt: new Date(2025, 3, 1).toISOString() });
  });

  it('leaves a refund amount out when empty, so the server refunds what is left', () => {
    expect(toCreditActionRequest('refund', values({ reason: 'x', transactionId: ` ${TX} ` }), 'u1', 'k').input).toEqual({
      userId: 'u1',
      transactionId: TX,
      reason: 'x',
      idempotencyKey: 'k',
    });
  });

  it('is the same request every time for the same values, so a retry replays', () => {
    const v = values({ amount: '3', reason: 'r', expiresOn: '2025-04-01' });
    expect(toCreditActionRequest('grant', v, 'u', 'k')).toEqual(toCreditActionRequest('grant', v, 'u', 'k'));
  });
});

describe('confirmationQuestion', () => {
  it('names the exact amount and the account', () => {
    expect(confirmationQuestion('grant', values({ amount: '12.5' }), 'ann@example.com')).toBe('Grant 12.50 credits to ann@example.com?');
    expect(confirmationQuestion('deduct', values({ amount: '3' }), 'ann@example.com')).toBe('Deduct 3.00 credits from ann@example.com?');
    expect(confirmationQuestion('refund', values({ transactionId: TX }), 'ann@example.com')).toBe(
      `Refund everything still refundable of transaction ${TX} to ann@example.com?`,
    );
    expect(confirmationQuestion('grant', values({ amount: '1000000' }), 'ann@example.com')).toBe('Grant 1,000,000.00 credits to ann@example.com?');
    expect(confirmationQuestion('grant', values({ amount: '0.000001' }), 'ann@example.com')).toBe('Grant 0.000001 credits to ann@example.com?');
  });
});

describe('completionMessage', () => {
  it('reports the amount without the ledger sign, and the new balance', () => {
    expect(completionMessage('deduct', 'ann@example.com', { amount: '-20.000000', balanceAfter: '2.500000' })).toBe(
      'Deducted 20.00 credits from ann@example.com. Their balance is now 2.50.',
    );
  });
});

describe('creditActionFieldOf', () => {
  it('puts server input errors on the matching field', () => {
    expect(creditActionFieldOf({ code: 'BAD_USER_INPUT', message: 'm', field: 'input.amount' })).toBe('amount');
    expect(creditActionFieldOf({ code: 'BAD_USER_INPUT', message: 'm', field: 'transactionId' })).toBe('transactionId');
    expect(creditActionFieldOf({ code: 'BAD_USER_INPUT', message: 'm', field: 'expiresAt' })).toBe('expiresOn');
    expect(creditActionFieldOf({ code: 'INSUFFICIENT_CREDITS', message: 'm' })).toBeUndefined();
  });
});
