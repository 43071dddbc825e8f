import type { FragmentType } from '../gql';
import { CreditPackageCard, type CreditPackageCardFragment } from './CreditPackageCard';

export function CreditPackages({ packages }: { packages: readonly ({ code: string } & FragmentType<typeof CreditPackageCardFragment>)[] }) {
  if (packages.length === 0) return <p className="empty">No credit packages are on offer.</p>;
  return (
    <ul className="packages" data-testid="credit-packages">
      {packages.map((pack) => (
        <CreditPackageCard key={pack.code} creditPackage={pack} />
      ))}
    </ul>
  );
}
