import type { PriceClass } from '../gql/graphql';
import { PRICE_CLASS_HINTS, PRICE_CLASS_LABELS } from './price-class';

export function PriceClassBadge({ priceClass }: { priceClass: PriceClass }) {
  return (
    <span className={`badge price-class price-class-${priceClass.toLowerCase()}`} title={PRICE_CLASS_HINTS[priceClass]}>
      {PRICE_CLASS_LABELS[priceClass]}
    </span>
  );
}
