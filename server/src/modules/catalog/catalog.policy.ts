import { PRICE_CLASSES, usdPerMillionToNano, type PriceClass, type PriceClassThresholds } from '@tollgate/shared';
import type { Config } from '../../platform/config.js';

export interface PricingPolicy {
  byClassBps: Record<PriceClass, bigint>;
  thresholds: PriceClassThresholds;
  creditUsdMicro: bigint;
}

/** The markup and price-class settings from MARKUP_BPS_BY_CLASS and PRICE_CLASS_MAX_OUTPUT_USD (validated by config.ts). */
export function pricingPolicy(config: Pick<Config, 'MARKUP_BPS_BY_CLASS' | 'PRICE_CLASS_MAX_OUTPUT_USD'>, creditUsdMicro: bigint): PricingPolicy {
  const pairs = (text: string) => Object.fromEntries(text.split(',').map((pair) => pair.split('=') as [string, string]));
  const markup = pairs(config.MARKUP_BPS_BY_CLASS);
  const limits = pairs(config.PRICE_CLASS_MAX_OUTPUT_USD);
  return {
    byClassBps: Object.fromEntries(PRICE_CLASSES.map((c) => [c, BigInt(markup[c]!)])) as Record<PriceClass, bigint>,
    thresholds: { budgetMaxOutputNano: usdPerMillionToNano(limits.budget!), standardMaxOutputNano: usdPerMillionToNano(limits.standard!) },
    creditUsdMicro,
  };
}
