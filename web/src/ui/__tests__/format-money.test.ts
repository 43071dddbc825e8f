import { describe, expect, it } from 'vitest';
import {
  creditsToUsd,
  formatBalance,
  formatCredits,
  formatDollars,
  formatExactCredits,
  formatExactUsd,
  formatPercent,
  formatUsd,
  roundDecimal,
} from '../format-money';

describe('roundDecimal', () => {
  it('rounds half away from zero on the string, never through a float', () => {
    expect(roundDecimal('1.005000', 2)).toBe('1.01'); // 1.005 as a float rounds down
    expect(roundDecimal('1.004999', 2)).toBe('1.00');
    expect(roundDecimal('-1.005000', 2)).toBe('-1.01');
    expect(roundDecimal('9.995', 2)).toBe('10.00');
    expect(roundDecimal('123456789012345678.125000', 2)).toBe('123456789012345678.13');
  });

  it('drops the sign of a figure that rounds to zero', () => {
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(roundDecimal('-0.000000', 2)).toBe('0.00');
  });

  it('pads short fractions and whole numbers', () => {
    expect(roundDecimal('3', 2)).toBe('3.00');
    expect(roundDecimal('3.5', 2)).toBe('3.50');
    expect(roundDecimal('0.5', 0)).toBe('1');
  });

  it('returns anything that is not a decimal as it came', () => {
    expect(roundDecimal('abc', 2)).toBe('abc');
  });
});

describe('formatUsd', () => {
  it('shows dollars with 2 decimals and thousands separators', () => {
    expect(formatUsd('1234.567800')).toBe('$1,234.57');
    expect(formatUsd('1000000.000000')).toBe('$1,000,000.00');
    expect(formatUsd('0.000031')).toBe('$0.00');
    expect(formatUsd('5.000000')).toBe('$5.00');
  });

  it('puts a minus sign before the dollar', () => {
    expect(formatUsd('-3.5')).toBe('−$3.50');
    expect(formatUsd('-0.001')).toBe('$0.00');
  });

  it('shows a dash for no value', () => {
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(undefined)).toBe('—');
    expect(formatUsd('')).toBe('—');
  });
});

describe('formatCredits', () => {
  it('always shows 2 decimals, rounded half away from zero on the string', () => {
    expect(formatCredits('9.995485')).toBe('10.00');
    expect(formatCredits('9.994999')).toBe('9.99');
    expect(formatCredits('1234.500000')).toBe('1,234.50');
    expect(formatCredits('12.345000')).toBe('12.35');
    expect(formatCredits('100.000000')).toBe('100.00');
    expect(formatCredits('0.000000')).toBe('0.00');
    expect(formatCredits('0.005000')).toBe('0.01');
  });

  it('keeps the digits an amount under 0.005 needs instead of reading 0.00', () => {
    expect(formatCredits('0.000450')).toBe('0.00045');
    expect(formatCredits('0.004999')).toBe('0.004999');
    expect(formatCredits('0.000001')).toBe('0.000001');
    expect(formatCredits('-0.000450')).toBe('−0.00045');
  });

  it('shows a negative amount with a minus sign, and no sign on zero', () => {
    expect(formatCredits('-12.5')).toBe('−12.50');
    expect(formatCredits('-0.000000')).toBe('0.00');
    expect(formatCredits('-1.005')).toBe('−1.01');
  });

  it('adds + to amounts added when asked, never to zero', () => {
    expect(formatCredits('2.5', { signed: true })).toBe('+2.50');
    expect(formatCredits('-2.5', { signed: true })).toBe('−2.50');
    expect(formatCredits('0.000000', { signed: true })).toBe('0.00');
  });

  it('groups huge amounts exactly, past what a float holds', () => {
    expect(formatCredits('99999999999999999.000000')).toBe('99,999,999,999,999,999.00');
    expect(formatCredits('123456789012345678.125000')).toBe('123,456,789,012,345,678.13');
  });

  it('shows a dash for no value and anything else as it came', () => {
    expect(formatCredits(null)).toBe('—');
    expect(formatCredits('n/a')).toBe('n/a');
  });
});

describe('formatBalance', () => {
  it('rounds down, so it never shows credit that is not there', () => {
    expect(formatBalance('10.000000')).toBe('10.00');
    expect(formatBalance('9.995485')).toBe('9.99');
    expect(formatBalance('9.990130')).toBe('9.99');
    expect(formatBalance('0.009999')).toBe('0.00');
    expect(formatBalance('1234567.891')).toBe('1,234,567.89');
  });

  it('rounds a debt away from zero (toward −∞), never hiding it', () => {
    expect(formatBalance('-0.000001')).toBe('−0.01');
    expect(formatBalance('-2.501')).toBe('−2.51');
    expect(formatBalance('-0.000000')).toBe('0.00');
  });

  it('keeps the same width while the whole part keeps its digits (the pill never reflows)', () => {
    // Every micro-credit step from 10.00 down to 1.00, sampled densely, is "d.dd": 4 characters.
    for (let micro = 9_999_999n; micro >= 1_000_000n; micro -= 4_321n) {
      const text = formatBalance(`${micro / 1_000_000n}.${(micro % 1_000_000n).toString().padStart(6, '0')}`);
      expect(text).toMatch(/^\d\.\d\d$/);
    }
    for (const value of ['10.000000', '10.999999', '99.5', '42']) expect(formatBalance(value)).toMatch(/^\d\d\.\d\d$/);
  });
});

describe('formatExactCredits', () => {
  it('shows every digit that matters, at least 2', () => {
    expect(formatExactCredits('9.995485')).toBe('9.995485');
    expect(formatExactCredits('10.000000')).toBe('10.00');
    expect(formatExactCredits('1234.500000')).toBe('1,234.50');
    expect(formatExactCredits('-0.000450')).toBe('−0.00045');
    expect(formatExactCredits('0.000450', { signed: true })).toBe('+0.00045');
    expect(formatExactCredits('99999999999999999.000001')).toBe('99,999,999,999,999,999.000001');
  });
});

describe('creditsToUsd', () => {
  it('multiplies the exact strings: no float, no rounding', () => {
    expect(creditsToUsd('9.995485', '0.010000')).toBe('0.09995485');
    expect(creditsToUsd('10.000000', '0.010000')).toBe('0.1');
    expect(creditsToUsd('0.000001', '0.010000')).toBe('0.00000001');
    expect(creditsToUsd('-2.500000', '0.030000')).toBe('-0.075');
    expect(creditsToUsd('0.000000', '0.010000')).toBe('0');
    // 0.1 + 0.2 style traps: exact here, where Number would say 0.30000000000000004.
    expect(creditsToUsd('30.000000', '0.010000')).toBe('0.3');
    expect(creditsToUsd('99999999999999999.999999', '0.010000')).toBe('999999999999999.99999999');
  });

  it('refuses what is not a decimal, or a negative rate', () => {
    expect(creditsToUsd('abc', '0.01')).toBeNull();
    expect(creditsToUsd('1', '-0.01')).toBeNull();
  });
});

describe('formatDollars', () => {
  it('rounds to the cent, and says "< $0.01" for a sum under half a cent', () => {
    expect(formatDollars('0.09995485')).toBe('$0.10');
    expect(formatDollars('0.0000045')).toBe('< $0.01');
    expect(formatDollars('-0.0000045')).toBe('< $0.01');
    expect(formatDollars('0.005')).toBe('$0.01');
    expect(formatDollars('0')).toBe('$0.00');
    expect(formatDollars('-0.075')).toBe('−$0.08');
    expect(formatDollars('1234567.891')).toBe('$1,234,567.89');
  });

  it('shows the exact dollars for hover', () => {
    expect(formatExactUsd('0.09995485')).toBe('$0.09995485');
    expect(formatExactUsd('-0.075')).toBe('−$0.075');
    expect(formatExactUsd('10')).toBe('$10.00');
  });
});

describe('formatPercent', () => {
  it('shows one decimal, rounded once from the exact string', () => {
    expect(formatPercent('37.50')).toBe('37.5%');
    expect(formatPercent('99.95')).toBe('100.0%');
    expect(formatPercent('-12.34')).toBe('−12.3%');
    expect(formatPercent('-0.04')).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });
});
