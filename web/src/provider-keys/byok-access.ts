/** Whether the user's tier lets them bring their own provider keys, and what to say when it does not. */
export interface TierByok {
  code: string;
  name: string;
  byokAllowed: boolean;
}

/**
 * The one sentence the BYOK screen shows on a tier without BYOK: what the tier does instead, and
 * the cheapest tier that allows it (`tiers` come cheapest first). Null when the tier allows BYOK.
 */
export function byokLockedMessage(tier: TierByok, tiers: readonly TierByok[]): string | null {
  if (tier.byokAllowed) return null;
  const upgrade = tiers.find((candidate) => candidate.byokAllowed && candidate.code !== tier.code);
  const now = `Your ${tier.name} tier uses Tollgate's provider keys.`;
  return upgrade ? `${now} Upgrade to ${upgrade.name} to use your own keys.` : `${now} No tier offers your own keys at the moment.`;
}
