import type { Tier } from '../catalog/index.js';

/**
 * What test mode charges for an upgrade's rest of the period (Stripe computes its own proration):
 * the monthly price difference times the share of the period left, integer cents, rounded down once.
 */
export function upgradeCents(
  from: Pick<Tier, 'monthlyPriceCents'>,
  to: Pick<Tier, 'monthlyPriceCents'>,
  rest: { start: Date; end: Date },
  whole: { start: Date; end: Date },
): number {
  const difference = BigInt(Math.max(0, to.monthlyPriceCents - from.monthlyPriceCents));
  const restSeconds = BigInt(Math.max(0, Math.floor((rest.end.getTime() - rest.start.getTime()) / 1000)));
  const wholeSeconds = BigInt(Math.floor((whole.end.getTime() - whole.start.getTime()) / 1000));
  if (wholeSeconds <= 0n) return 0;
  return Number((difference * (restSeconds > wholeSeconds ? wholeSeconds : restSeconds)) / wholeSeconds);
}
