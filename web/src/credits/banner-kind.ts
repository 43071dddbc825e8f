import { parseCredits } from '@tollgate/shared';

/** What the low-balance banner says, or null when it is not shown. */
export type BannerKind = 'empty-team' | 'low';

/**
 * A team acted for whose balance is 0 reads as a pool to fill ("… has no credits yet"), not as a
 * warning about a threshold it may not even have set; otherwise the banner follows `lowBalance`.
 */
export function bannerKind(balance: { balance: string; lowBalance: boolean } | undefined, actingForTeam: boolean): BannerKind | null {
  if (!balance) return null;
  if (actingForTeam && parseCredits(balance.balance.replace(/^-/, '')) === 0n) return 'empty-team';
  return balance.lowBalance ? 'low' : null;
}
