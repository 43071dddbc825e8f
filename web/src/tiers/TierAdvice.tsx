import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { Alert } from '../ui/Alert';
import { Credits } from '../ui/Credits';
import { formatUsd } from '../ui/format-money';
import { parseCredits } from '@tollgate/shared';

const TierAdviceQuery = graphql(`
  query TierAdvice {
    tierRecommendation {
      currentTier
      recommendedTier
      projectedMonthlySpend
      requestsThisMonth
      show
      reasoning
      options {
        tier
        monthlyCostUsd
      }
    }
  }
`);

interface Props {
  /** `banner`: only once 80% of an allowance is used (dashboard); `card`: always (tiers page). */
  variant: 'banner' | 'card';
}

/** Which tier would have cost the user least over the last 30 days (the server's tierRecommendation). */
export function TierAdvice({ variant }: Props) {
  const { data } = useQuery(TierAdviceQuery, { fetchPolicy: 'cache-and-network' });
  const advice = data?.tierRecommendation;
  if (!advice) return null;
  if (variant === 'banner') {
    if (!advice.show) return null;
    return (
      <Alert tone="warning" testId="tier-advice-banner">
        You have used most of this month&apos;s allowance on your tier. {advice.reasoning} <Link to="/tiers">Compare tiers</Link>
      </Alert>
    );
  }
  return (
    <section className="card" data-testid="tier-advice" aria-labelledby="tier-advice-title">
      <h2 id="tier-advice-title">What your usage suggests</h2>
      <p>{advice.reasoning}</p>
      <p className="muted">
        {parseCredits(advice.projectedMonthlySpend) === 0n ? (
          'No usage in the last 30 days yet'
        ) : (
          <>
            Projected usage: <Credits value={advice.projectedMonthlySpend} /> a month
          </>
        )}
        ; {advice.requestsThisMonth} {advice.requestsThisMonth === 1 ? 'request' : 'requests'} so far this month.
      </p>
      <ul className="muted">
        {advice.options.map((o) => (
          <li key={o.tier}>
            {o.tier}: {formatUsd(o.monthlyCostUsd)} a month{o.tier === advice.recommendedTier ? ' (cheapest)' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
