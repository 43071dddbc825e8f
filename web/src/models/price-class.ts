import type { PriceClass } from '../gql/graphql';

/** Cheapest first: the order the API's documentation gives them and the table sorts them in. */
export const PRICE_CLASSES: readonly PriceClass[] = ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'];

export const PRICE_CLASS_LABELS: Record<PriceClass, string> = {
  FREE: 'Free',
  BUDGET: 'Budget',
  STANDARD: 'Standard',
  PREMIUM: 'Premium',
};

/** What decides the class: the output price per 1M tokens (docs/decisions/0006). */
export const PRICE_CLASS_HINTS: Record<PriceClass, string> = {
  FREE: 'No charge for input or output',
  BUDGET: 'Up to $2 per 1M output tokens',
  STANDARD: 'Up to $20 per 1M output tokens',
  PREMIUM: 'Above $20 per 1M output tokens',
};
