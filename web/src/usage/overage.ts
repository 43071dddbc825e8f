import { displayBps, displayCount } from '../models/format';

/** What the overage panel reads of the `overage` query. */
export interface OverageFigures {
  periodStart: string;
  periodEnd: string;
  policy: string;
  surchargeBps: number;
  allowanceTokens: number;
  usedTokens: number;
  remainingTokens: number;
  overageTokens: number;
  overageCredits: string;
  surchargeCredits: string;
}

/** What happens past the allowance, in the user's words. */
export function overagePolicyText(o: Pick<OverageFigures, 'policy' | 'surchargeBps'>): string {
  if (o.policy === 'block') return 'Past the allowance, requests are refused until next month (or upgrade your tier).';
  if (o.policy === 'credits') {
    return o.surchargeBps > 0
      ? `Past the allowance, requests continue and are charged from your credits at the normal price + ${displayBps(o.surchargeBps)}.`
      : 'Past the allowance, requests continue and are charged from your credits at the normal price.';
  }
  return `Past the allowance: ${o.policy}.`;
}

/** Share of the allowance used, 0–1 (1 once it is used up or there is none). */
export function allowanceShare(o: Pick<OverageFigures, 'allowanceTokens' | 'usedTokens'>): number {
  if (o.allowanceTokens <= 0) return 1;
  return Math.min(1, o.usedTokens / o.allowanceTokens);
}

/** "Dec 1 – Dec 31 (UTC)": the period's days, its end being exclusive. */
export function periodLabel(o: Pick<OverageFigures, 'periodStart' | 'periodEnd'>): string {
  const fmt = (d: Date) => d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const lastDay = new Date(new Date(o.periodEnd).getTime() - 86_400_000);
  return `${fmt(new Date(o.periodStart))} – ${fmt(lastDay)} (UTC)`;
}

export const tokens = (n: number): string => `${displayCount(n)} tokens`;
