import { describe, expect, it } from 'vitest';
import { tierAction } from '../tier-action';
import { tierComparisonRows, type ComparisonTier } from '../tier-rows';

// The seeded tiers (server/src/modules/catalog/catalog.data.ts) as the API returns them.
const base = { rolloverCap: null, allowedModels: [], markupBps: null } as const;
const free: ComparisonTier = {
  ...base,
  code: 'free',
  name: 'Free',
  monthlyPriceUsd: '0.00',
  monthlyCredits: '0.000000',
  rollover: 'none',
  monthlyTokenAllowance: 200_000,
  monthlyRequestCap: 1_000,
  maxTokensPerRequest: 2_048,
  requestsPerMinute: 20,
  allowedPriceClasses: ['FREE', 'BUDGET'],
  byokAllowed: false,
};
const starter: ComparisonTier = {
  ...base,
  code: 'starter',
  name: 'Starter',
  monthlyPriceUsd: '9.00',
  monthlyCredits: '1000.000000',
  rollover: 'capped',
  rolloverCap: '500.000000',
  monthlyTokenAllowance: 2_000_000,
  monthlyRequestCap: 10_000,
  maxTokensPerRequest: 4_096,
  requestsPerMinute: 60,
  allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD'],
  byokAllowed: false,
  markupBps: 1_000,
};
const pro: ComparisonTier = {
  ...starter,
  code: 'pro',
  name: 'Pro',
  monthlyPriceUsd: '29.00',
  monthlyCredits: '3500.000000',
  rolloverCap: '3500.000000',
  monthlyTokenAllowance: 10_000_000,
  monthlyRequestCap: 50_000,
  maxTokensPerRequest: 8_192,
  requestsPerMinute: 120,
  allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'],
  byokAllowed: true,
  markupBps: 500,
};
const enterprise: ComparisonTier = {
  ...pro,
  code: 'enterprise',
  name: 'Enterprise',
  monthlyPriceUsd: '99.00',
  monthlyCredits: '12500.000000',
  rollover: 'full',
  rolloverCap: null,
  monthlyTokenAllowance: 100_000_000,
  monthlyRequestCap: 500_000,
  maxTokensPerRequest: 16_384,
  requestsPerMinute: 600,
  allowedModels: ['openai/gpt-4o'],
  markupBps: 0,
};
const tiers = [free, starter, pro, enterprise];

describe('tierComparisonRows', () => {
  const rows = Object.fromEntries(tierComparisonRows(tiers).map((row) => [row.key, row.cells]));

  it('has one row per compared limit, one cell per tier, in order', () => {
    expect(Object.keys(rows)).toEqual(['price', 'credits', 'rollover', 'tokens', 'requests', 'maxTokens', 'rpm', 'classes', 'byok', 'markup']);
    expect(Object.values(rows).every((cells) => cells.length === 4)).toBe(true);
  });

  it('writes prices, credits and rollover in words', () => {
    expect(rows.price).toEqual(['Free', '$9.00 / month', '$29.00 / month', '$99.00 / month']);
    expect(rows.credits).toEqual(['None', '1,000.00 credits', '3,500.00 credits', '12,500.00 credits']);
    expect(rows.rollover).toEqual(['No', 'Up to 500.00 credits', 'Up to 3,500.00 credits', 'All unused credits']);
  });

  it('writes the limits with separators', () => {
    expect(rows.tokens).toEqual(['200,000 / month', '2,000,000 / month', '10,000,000 / month', '100,000,000 / month']);
    expect(rows.requests![0]).toBe('1,000 / month');
    expect(rows.maxTokens).toEqual(['2,048', '4,096', '8,192', '16,384']);
    expect(rows.rpm).toEqual(['20', '60', '120', '600']);
  });

  it('lists the classes in price order, models named beyond them, BYOK and markup', () => {
    expect(rows.classes).toEqual([
      'Free, Budget',
      'Free, Budget, Standard',
      'Free, Budget, Standard, Premium',
      'Free, Budget, Standard, Premium + openai/gpt-4o',
    ]);
    expect(rows.byok).toEqual(['No', 'No', 'Yes, without markup', 'Yes, without markup']);
    expect(rows.markup).toEqual(['By price class', '10%', '5%', '0%']);
  });
});

describe('tierAction', () => {
  it('offers nothing on the current tier, and a checkout elsewhere while unsubscribed', () => {
    expect(tierAction(free, 'free', tiers)).toEqual({ kind: 'current' });
    expect(tierAction(pro, 'free', tiers)).toEqual({ kind: 'subscribe', label: 'Upgrade' });
    expect(tierAction(starter, 'pro', tiers)).toEqual({ kind: 'subscribe', label: 'Change' });
  });

  it('offers an unsubscribed paid user (an admin assignment) the switch to free', () => {
    expect(tierAction(free, 'pro', tiers)).toEqual({ kind: 'switch-to-free' });
  });

  it('changes a live subscription instead of opening a second one', () => {
    const sub = { tierCode: 'starter', status: 'ACTIVE', pendingTierCode: null };
    expect(tierAction(pro, 'starter', tiers, sub)).toEqual({ kind: 'change', label: 'Upgrade' });
    expect(tierAction(starter, 'pro', tiers, { ...sub, tierCode: 'pro' })).toEqual({ kind: 'change', label: 'Downgrade' });
    expect(tierAction(free, 'starter', tiers, sub)).toEqual({ kind: 'cancel-subscription' });
    expect(tierAction(starter, 'pro', tiers, { tierCode: 'pro', status: 'PAST_DUE', pendingTierCode: 'starter' })).toEqual({ kind: 'scheduled' });
  });

  it('treats a canceled subscription as none', () => {
    const ended = { tierCode: 'pro', status: 'CANCELED', pendingTierCode: null };
    expect(tierAction(pro, 'free', tiers, ended)).toEqual({ kind: 'subscribe', label: 'Upgrade' });
  });
});
