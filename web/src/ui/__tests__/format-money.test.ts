import { describe, expect, it } from 'vitest';
import { formatCredits, formatPercent, formatUsd, roundDecimal } from '../format-money';

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
  it('shows at most 2 decimals, trailing zeros dropped', () => {
    expect(formatCredits('9.995485')).toBe('10');
    expect(formatCredits('1234.500000')).toBe('1,234.5');
    expect(formatCredits('12.345000')).toBe('12.35');
    expect(formatCredits('100.000000')).toBe('100');
    expect(formatCredits('0.000000')).toBe('0');
  });

  it('keeps the digits an amount under 0.01 needs', () => {
    expect(formatCredits('0.000450')).toBe('0.00045');
    expect(formatCredits('0.004999')).toBe('0.004999');
    expect(formatCredits('-0.000450')).toBe('−0.00045');
  });

  it('shows a negative amount with a minus sign, and no sign on zero', () => {
    expect(formatCredits('-12.5')).toBe('−12.5');
    expect(formatCredits('-0.000000')).toBe('0');
  });

  it('shows a dash for no value', () => {
    expect(formatCredits(null)).toBe('—');
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
