import { parseCredits } from '@tollgate/shared';
import { displayCredits } from '../credits/money';
import type { PriceClass } from '../gql/graphql';
import { displayBps, displayCount, displayUsd } from '../models/format';
import { PRICE_CLASSES, PRICE_CLASS_LABELS } from '../models/price-class';

/** A tier as the comparison reads it: the API's fields, amounts as its exact strings. */
export interface ComparisonTier {
  code: string;
  name: string;
  monthlyPriceUsd: string;
  monthlyCredits: string;
  rollover: string;
  rolloverCap: string | null;
  monthlyTokenAllowance: number;
  monthlyRequestCap: number;
  maxTokensPerRequest: number;
  requestsPerMinute: number;
  allowedPriceClasses: readonly PriceClass[];
  allowedModels: readonly string[];
  byokAllowed: boolean;
  markupBps: number | null;
  /** Past the monthly token allowance: "block" or "credits" (absent when the query did not ask). */
  overage?: string;
  overageSurchargeBps?: number;
}

/** One line of the comparison: a label and one cell per tier, in the tiers' order. */
export interface ComparisonRow {
  key: string;
  label: string;
  hint?: string;
  cells: string[];
}

export function isFreeTier(tier: Pick<ComparisonTier, 'monthlyPriceUsd'>): boolean {
  return /^0+(\.0+)?$/.test(tier.monthlyPriceUsd.trim());
}

export function monthlyPrice(tier: Pick<ComparisonTier, 'monthlyPriceUsd'>): string {
  return isFreeTier(tier) ? 'Free' : `${displayUsd(tier.monthlyPriceUsd)} / month`;
}

function credits(amount: string): string {
  return parseCredits(amount) === 0n ? 'None' : `${displayCredits(amount)} credits`;
}

export function rollover(tier: Pick<ComparisonTier, 'rollover' | 'rolloverCap'>): string {
  switch (tier.rollover) {
    case 'none':
      return 'No';
    case 'full':
      return 'All unused credits';
    case 'capped':
      return tier.rolloverCap ? `Up to ${displayCredits(tier.rolloverCap)} credits` : 'Capped';
    default:
      return tier.rollover;
  }
}

/** "Free, Budget", plus any models the tier names: "Free, Budget + openai/gpt-4o". */
export function allowedModels(tier: Pick<ComparisonTier, 'allowedPriceClasses' | 'allowedModels'>): string {
  const classes = PRICE_CLASSES.filter((c) => tier.allowedPriceClasses.includes(c)).map((c) => PRICE_CLASS_LABELS[c]);
  const named = tier.allowedModels.length > 0 ? ` + ${tier.allowedModels.join(', ')}` : '';
  return `${classes.length > 0 ? classes.join(', ') : 'No class'}${named}`;
}

/** A tier's own markup, or the class markup when it has none. */
export function markup(tier: Pick<ComparisonTier, 'markupBps'>): string {
  return tier.markupBps === null ? 'By price class' : displayBps(tier.markupBps);
}

/** What happens past the token allowance: refused, or charged from credits with the tier's surcharge. */
export function overage(tier: Pick<ComparisonTier, 'overage' | 'overageSurchargeBps'>): string {
  if (tier.overage === 'block') return 'Refused';
  if (tier.overage === 'credits') return tier.overageSurchargeBps ? `Charged from credits, +${displayBps(tier.overageSurchargeBps)}` : 'Charged from credits';
  return tier.overage ?? '';
}

/** The rows of the tier comparison, top to bottom. */
export function tierComparisonRows(tiers: readonly ComparisonTier[]): ComparisonRow[] {
  const row = (key: string, label: string, cell: (tier: ComparisonTier) => string, hint?: string): ComparisonRow => ({
    key,
    label,
    cells: tiers.map(cell),
    ...(hint ? { hint } : {}),
  });
  return [
    row('price', 'Price', monthlyPrice),
    row('credits', 'Monthly credits', (t) => credits(t.monthlyCredits)),
    row('rollover', 'Rollover', rollover, 'Unused monthly credits carried into the next month'),
    row('tokens', 'Token allowance', (t) => `${displayCount(t.monthlyTokenAllowance)} / month`),
    ...(tiers.some((t) => t.overage !== undefined)
      ? [row('overage', 'Past the allowance', overage, 'What happens to requests past the monthly token allowance')]
      : []),
    row('requests', 'Request cap', (t) => `${displayCount(t.monthlyRequestCap)} / month`),
    row('maxTokens', 'Max tokens per request', (t) => displayCount(t.maxTokensPerRequest), 'The largest output budget one request may ask for'),
    row('rpm', 'Requests per minute', (t) => displayCount(t.requestsPerMinute)),
    row('classes', 'Models', allowedModels, 'Price classes the tier includes, by output price per 1M tokens'),
    row('byok', 'Your own provider keys', (t) => (t.byokAllowed ? 'Yes, without markup' : 'No')),
    row('markup', 'Markup', markup, 'Added to the provider price; free models and your own keys are never marked up'),
  ];
}
