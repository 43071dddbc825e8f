import type { ComparisonTier } from './tier-rows';

/**
 * What the user can do about a tier: nothing (it is theirs), step down to free (the one change
 * the API lets a user make), or wait for billing, which every other change needs.
 */
export type TierAction = { kind: 'current' } | { kind: 'switch-to-free' } | { kind: 'needs-billing'; label: 'Upgrade' | 'Change' };

/** `tiers` is the API's order, cheapest first: a tier after the current one is an upgrade. */
export function tierAction(tier: ComparisonTier, currentCode: string, tiers: readonly ComparisonTier[]): TierAction {
  if (tier.code === currentCode) return { kind: 'current' };
  // `switchTier` accepts "free" and nothing else.
  if (tier.code === 'free') return { kind: 'switch-to-free' };
  const position = (code: string) => tiers.findIndex((t) => t.code === code);
  return { kind: 'needs-billing', label: position(tier.code) > position(currentCode) ? 'Upgrade' : 'Change' };
}
