import { describe, expect, it } from 'vitest';
import { upgradeCredits } from '../subscription.allocation.js';
import { upgradeCents } from '../subscription.prices.js';
import { rolloverAmount } from '../subscription.rollover.js';

const CREDIT = 1_000_000n;
const day = (n: number) => new Date(Date.UTC(2026, 11, 1 + n));
const month = { start: day(0), end: day(30) };

describe('rollover rules', () => {
  it('carries nothing over under none, up to the cap under capped, everything under full', () => {
    expect(rolloverAmount({ code: 'basic', rollover: 'none', rolloverCap: null }, 700n * CREDIT)).toBe(0n);
    expect(rolloverAmount({ code: 'starter', rollover: 'capped', rolloverCap: 500n * CREDIT }, 700n * CREDIT)).toBe(500n * CREDIT);
    expect(rolloverAmount({ code: 'starter', rollover: 'capped', rolloverCap: 500n * CREDIT }, 300n * CREDIT)).toBe(300n * CREDIT);
    expect(rolloverAmount({ code: 'enterprise', rollover: 'full', rolloverCap: null }, 12_345n * CREDIT + 7n)).toBe(12_345n * CREDIT + 7n);
    expect(rolloverAmount({ code: 'enterprise', rollover: 'full', rolloverCap: null }, 0n)).toBe(0n);
  });
});

describe('upgrade proration', () => {
  it('grants the monthly difference times the share of the period left, rounded down to the micro-credit', () => {
    expect(upgradeCredits(1000n * CREDIT, 3500n * CREDIT, { start: day(15), end: day(30) }, month)).toBe(1250n * CREDIT);
    // A third of the period: 2500 / 3 credits, rounded down once.
    expect(upgradeCredits(1000n * CREDIT, 3500n * CREDIT, { start: day(20), end: day(30) }, month)).toBe((2500n * CREDIT) / 3n);
    expect(upgradeCredits(3500n * CREDIT, 1000n * CREDIT, { start: day(15), end: day(30) }, month)).toBe(0n);
    expect(upgradeCredits(1000n * CREDIT, 3500n * CREDIT, { start: day(31), end: day(30) }, month)).toBe(0n);
  });

  it('never grants more than the whole difference, whatever the times', () => {
    for (let i = 0; i < 200; i += 1) {
      const start = new Date(month.start.getTime() + Math.floor(Math.random() * 40 * 86_400_000) - 5 * 86_400_000);
      const extra = upgradeCredits(1000n * CREDIT, 3500n * CREDIT, { start, end: month.end }, month);
      expect(extra >= 0n && extra <= 2500n * CREDIT).toBe(true);
    }
  });

  it('test mode charges the price difference for the rest of the period in whole cents, rounded down', () => {
    expect(upgradeCents({ monthlyPriceCents: 900 }, { monthlyPriceCents: 2900 }, { start: day(15), end: day(30) }, month)).toBe(1000);
    expect(upgradeCents({ monthlyPriceCents: 900 }, { monthlyPriceCents: 2900 }, { start: day(20), end: day(30) }, month)).toBe(666);
  });
});
