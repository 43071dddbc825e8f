import { describe, expect, it } from 'vitest';
import { amountProblem, displayCredits, exactCredits, plainCredits, signedMicro } from '../money';

describe('amountProblem', () => {
  it('accepts whole numbers and up to 6 decimals', () => {
    expect(amountProblem('12')).toBeUndefined();
    expect(amountProblem('12.5')).toBeUndefined();
    expect(amountProblem(' 0.000001 ')).toBeUndefined();
  });

  it('refuses a seventh decimal, as the server would', () => {
    expect(amountProblem('1.1234567')).toBe('Use at most 6 decimal places');
  });

  it('refuses signs, separators and words', () => {
    expect(amountProblem('-5')).toBe('Enter the amount without a sign');
    expect(amountProblem('+5')).toBe('Enter the amount without a sign');
    expect(amountProblem('1,000')).toBe('Enter a number such as 12.5');
    expect(amountProblem('1e3')).toBe('Enter a number such as 12.5');
    expect(amountProblem('ten')).toBe('Enter a number such as 12.5');
  });

  it('requires an amount above zero unless zero is allowed', () => {
    expect(amountProblem('')).toBe('Enter an amount');
    expect(amountProblem('0.000000')).toBe('Amount must be greater than zero');
    expect(amountProblem('0', { allowZero: true })).toBeUndefined();
  });

  it('refuses what the server would: more than 1,000,000 credits in one request', () => {
    expect(amountProblem('1000000')).toBeUndefined();
    expect(amountProblem('1000000.000001')).toBe('At most 1,000,000 credits');
    expect(amountProblem('99999999999999999')).toBe('At most 1,000,000 credits');
    expect(amountProblem('100001', { max: 100_000_000_000n })).toBe('At most 100,000 credits');
  });
});

describe('exactCredits', () => {
  it('writes the exact 6-decimal form the API uses', () => {
    expect(exactCredits('12.5')).toBe('12.500000');
    expect(exactCredits('007')).toBe('7.000000');
  });

  it('keeps amounts beyond float precision exact', () => {
    expect(exactCredits('90071992547.409931')).toBe('90071992547.409931');
  });
});

describe('signedMicro', () => {
  it('reads signed API amounts', () => {
    expect(signedMicro('-2.500000')).toBe(-2_500_000n);
    expect(signedMicro('0.000001')).toBe(1n);
  });
});

describe('displayCredits', () => {
  it('shows the short format: two decimals, a tiny amount with the digits it needs', () => {
    expect(displayCredits('10.000000')).toBe('10.00');
    expect(displayCredits('12.500000')).toBe('12.50');
    expect(displayCredits('9.995485')).toBe('10.00');
    expect(displayCredits('0.000120')).toBe('0.00012');
  });

  it('groups thousands', () => {
    expect(displayCredits('1234567.100000')).toBe('1,234,567.10');
  });

  it('marks direction when asked', () => {
    expect(displayCredits('-20.000000', { signed: true })).toBe('−20.00');
    expect(displayCredits('-20.000000')).toBe('−20.00');
    expect(displayCredits('3.000000', { signed: true })).toBe('+3.00');
    expect(displayCredits('0.000000', { signed: true })).toBe('0.00');
  });
});

describe('plainCredits', () => {
  it('drops the zeros nobody types', () => {
    expect(plainCredits('5.000000')).toBe('5');
    expect(plainCredits('12.500000')).toBe('12.5');
    expect(plainCredits('0.000001')).toBe('0.000001');
  });
});
