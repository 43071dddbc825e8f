import { getFragmentData, graphql, type FragmentType } from '../gql';
import { formatDateTime } from '../ui/format-date';
import { expiresSoon, expiryLabel } from './expiry';
import { GRANT_SOURCE_LABELS } from './grant-sources';
import { displayCredits, signedMicro } from './money';

export const GrantRowFragment = graphql(`
  fragment GrantRow_CreditGrant on CreditGrant {
    id
    source
    amount
    remaining
    expiresAt
    createdAt
  }
`);

interface Props {
  grant: FragmentType<typeof GrantRowFragment>;
  /** 1 is spent first. */
  position: number;
  now: Date;
}

export function GrantRow({ grant: masked, position, now }: Props) {
  const grant = getFragmentData(GrantRowFragment, masked);
  const amount = signedMicro(grant.amount);
  // Per mille, in bigint: the bar's width needs no more precision than that.
  const left = amount > 0n ? Number((signedMicro(grant.remaining) * 1000n) / amount) / 10 : 0;
  return (
    <li className="grant" data-testid="grant-row" data-source={grant.source}>
      <span className="grant-order" aria-label={`Spent ${ordinal(position)}`}>
        {position}
      </span>
      <div className="grant-body">
        <div className="grant-head">
          <strong>{GRANT_SOURCE_LABELS[grant.source]}</strong>
          <span data-testid="grant-remaining" title={`${grant.remaining} of ${grant.amount}`}>
            {displayCredits(grant.remaining)} <span className="muted">/ {displayCredits(grant.amount)}</span>
          </span>
        </div>
        <div className="grant-bar" aria-hidden="true">
          <span style={{ width: `${left}%` }} />
        </div>
        <div className="grant-meta muted">
          <span>Added {formatDateTime(grant.createdAt)}</span>
          <span
            className={expiresSoon(grant.expiresAt, now) ? 'grant-expiry-soon' : undefined}
            title={grant.expiresAt ? formatDateTime(grant.expiresAt) : undefined}
            data-testid="grant-expiry"
          >
            {expiryLabel(grant.expiresAt, now)}
          </span>
        </div>
      </div>
    </li>
  );
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
