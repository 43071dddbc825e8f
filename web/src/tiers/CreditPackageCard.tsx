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

export function CreditPackageCard({ creditPackage: masked }: { creditPackage: FragmentType<typeof CreditPackageCardFragment> }) {
  const pack = getFragmentData(CreditPackageCardFragment, masked);
  const bonus = parseCredits(pack.bonusCredits) > 0n;
  return (
    <li className="card package-card" data-testid="credit-package" data-code={pack.code} data-total={pack.totalCredits}>
      <h3>{pack.name}</h3>
      <p className="package-total">
        {displayCredits(pack.totalCredits)} <span className="muted">credits</span>
      </p>
      <p className="muted package-breakdown">
        {bonus ? `${displayCredits(pack.credits)} + ${displayCredits(pack.bonusCredits)} bonus` : 'No bonus'}
      </p>
      <p className="package-price">{displayUsd(pack.priceUsd)}</p>
      <button type="button" className="button button-secondary button-block" disabled>
        Buy — needs billing (coming soon)
      </button>
    </li>
  );
}
