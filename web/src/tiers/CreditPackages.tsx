import type { FragmentType } from '../gql';
import type { CheckoutStarter } from '../billing/useCheckout';
import { CreditPackageCard, type CreditPackageCardFragment } from './CreditPackageCard';
// The cards also show on the Billing page, which does not load the tiers page's styles otherwise.
import './tiers.css';

interface Props {
  packages: readonly ({ code: string } & FragmentType<typeof CreditPackageCardFragment>)[];
  checkout: Pick<CheckoutStarter, 'pending' | 'unavailable'>;
  onBuy: (packageCode: string) => void;
}

export function CreditPackages({ packages, checkout, onBuy }: Props) {
  if (packages.length === 0) return <p className="empty">No credit packages are on offer.</p>;
  return (
    <ul className="packages" data-testid="credit-packages">
      {packages.map((pack) => (
        <CreditPackageCard
          key={pack.code}
          creditPackage={pack}
          onBuy={onBuy}
          buying={checkout.pending === `package:${pack.code}`}
          disabled={checkout.pending !== null || checkout.unavailable}
        />
      ))}
    </ul>
  );
}
