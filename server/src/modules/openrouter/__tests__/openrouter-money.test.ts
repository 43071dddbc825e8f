import { describe, expect, it } from 'vitest';
import { centsToUsdNumber, limitCents, nanoToUsd, usdToNano } from '../openrouter.money.js';
import { isFreeModel } from '../openrouter.prices.js';

describe('usdToNano', () => {
  it("converts OpenRouter's USD-per-token strings exactly", () => {
    expect(usdToNano('0.000003')).toEqual({ nano: 3_000n, exact: true });
    expect(usdToNano('0.0000025')).toEqual({ nano: 2_500n, exact: true });
    expect(usdToNano('15')).toEqual({ nano: 15_000_000_000n, exact: true });
    expect(usdToNano('0')).toEqual({ nano: 0n, exact: true });
    expect(usdToNano('.5')).toEqual({ nano: 500_000_000n, exact: true });
  });

  it('reads JSON numbers in their exponent form, as JavaScript prints them', () => {
    expect(usdToNano(1e-7)).toEqual({ nano: 100n, exact: true });
    expect(usdToNano(25.5)).toEqual({ nano: 25_500_000_000n, exact: true });
    expect(usdToNano('3e-6')).toEqual({ nano: 3_000n, exact: true });
  });

  it('rounds a price finer than a nano-dollar up (never charging less than it costs), a usage figure down', () => {
    expect(usdToNano('0.0000000375', true)).toEqual({ nano: 38n, exact: false });
    expect(usdToNano('0.0000000375')).toEqual({ nano: 37n, exact: false });
  });

  it("refuses what is not a non-negative decimal (OpenRouter's router models say -1)", () => {
    for (const bad of ['-1', '', 'abc', '1.2.3', '1e999999', ' ', 'NaN']) expect(usdToNano(bad)).toBeNull();
    expect(usdToNano(-1)).toBeNull();
  });
});

describe('limitCents', () => {
  // CREDIT_USD 0.01: 10,000 micro-dollars per credit.
  const creditUsdMicro = 10_000n;

  it('is the usage plus the balance in dollars, floored to cents once on the sum', () => {
    // 12.345678 credits = $0.12345678; usage $0.004 → $0.12745678 → 12 cents.
    expect(limitCents(4_000_000n, 12_345_678n, creditUsdMicro)).toBe(12n);
    expect(limitCents(0n, 10_000_000n, creditUsdMicro)).toBe(10n);
    // Sub-cent parts of the usage and of the credit add up before the floor.
    expect(limitCents(6_000_000n, 500_000n, creditUsdMicro)).toBe(1n);
  });

  it('counts a negative balance as no credit: the key keeps what it used, nothing more', () => {
    expect(limitCents(50_000_000n, -3_000_000n, creditUsdMicro)).toBe(5n);
  });
});

it('sends cents as the USD number OpenRouter takes, and shows nano-dollars as decimals', () => {
  expect(centsToUsdNumber(1234n)).toBe(12.34);
  expect(centsToUsdNumber(5n)).toBe(0.05);
  expect(centsToUsdNumber(0n)).toBe(0);
  expect(nanoToUsd(2_500n)).toBe('0.0000025');
  expect(nanoToUsd(-10_000_000n)).toBe('-0.01');
  expect(nanoToUsd(3_000_000_000n)).toBe('3');
});

it('detects free models: a :free id, or zero prompt and completion prices', () => {
  expect(isFreeModel({ id: 'meta-llama/llama-3.1-8b-instruct:free', pricing: { prompt: '0.0001', completion: '0.0001' } })).toBe(true);
  expect(isFreeModel({ id: 'qwen/qwen-2-7b-instruct', pricing: { prompt: '0', completion: '0' } })).toBe(true);
  expect(isFreeModel({ id: 'x/zero-in', pricing: { prompt: '0', completion: '0.000001' } })).toBe(false);
  expect(isFreeModel({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } })).toBe(false);
  expect(isFreeModel({ id: 'x/unpriced' })).toBe(false);
});
