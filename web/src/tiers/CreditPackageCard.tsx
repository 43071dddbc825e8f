import { parseCredits } from '@tollgate/shared';
import { displayCredits } from '../credits/money';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { displayUsd } from '../models/format';

export const CreditPackageCardFragment = graphql(`
  fragment CreditPackageCard_CreditPackage on CreditPackage {
    code
    name
    credits
    bonusCredits
    totalCredits
    priceUsd
  }
`);

interface Props {
  creditPackage: FragmentType<typeof CreditPackageCardFragment>;
  /** Opens the checkout for this package (see billing/useBuyCredits). */
  onBuy: (packageCode: string) => void;
  /** This package's checkout is opening. */
  buying: boolean;
  /** Another checkout is opening, or payments are unavailable. */
  disabled: boolean;
}

export function CreditPackageCard({ creditPackage: masked, onBuy, buying, disabled }: Props) {
  const pack = getFragmentData(CreditPackageCardFragment, masked);
  const bonus = parseCredits(pack.bonusCredits) > 0n;
  return (
    <li className="card package-card" data-testid="credit-package" data-code={pack.code} data-total={pack.totalCredits}>
      <h3>{pack.name}</h3>
      <p className="package-total">
        {displayCredits(pack.totalCredits)} <span className="muted">credits</span>
      </p>
      <p className="muted package-breakdown">{bonus ? `${displayCredits(pack.credits)} + ${displayCredits(pack.bonusCredits)} bonus` : 'No bonus'}</p>
      <p className="package-price">{displayUsd(pack.priceUsd)}</p>
      <button
        type="button"
        className="button button-primary button-block"
        disabled={disabled || buying}
        aria-busy={buying}
        onClick={() => onBuy(pack.code)}
        data-testid={`buy-${pack.code}`}
      >
        {buying ? 'Opening checkout…' : `Buy for ${displayUsd(pack.priceUsd)}`}
      </button>
    </li>
  );
}
