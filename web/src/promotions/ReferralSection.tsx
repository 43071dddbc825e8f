import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { displayCredits } from '../credits/money';
import { Alert } from '../ui/Alert';
import { useReferral } from './useReferral';

/** The referral link to share, and what it has brought in. */
export function ReferralSection() {
  const { referral, error } = useReferral();
  const [copied, setCopied] = useState(false);
  const copy = async (link: string) => {
    // Clipboard access needs a secure context: where it is missing the link stays selectable.
    await navigator.clipboard?.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="promotions-section" aria-labelledby="referral-title">
      <h2 id="referral-title">Refer a friend</h2>
      <p className="muted">When someone signs up with your link and makes their first payment, you both get bonus credits.</p>
      {error && !referral && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {referral && (
        <div className="card promotions-card" data-testid="referral-card">
          <div className="referral-link">
            <code data-testid="referral-link">{referral.link}</code>
            <button type="button" className="button button-secondary" onClick={() => void copy(referral.link)} data-testid="copy-referral-link">
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <dl className="referral-figures">
            <dt>Your code</dt>
            <dd data-testid="referral-code">{referral.code}</dd>
            <dt>Signed up with it</dt>
            <dd data-testid="referral-referred">{referral.referredCount}</dd>
            <dt>Bonuses paid</dt>
            <dd data-testid="referral-rewarded">{referral.rewardedCount}</dd>
            <dt>Credits earned</dt>
            <dd data-testid="referral-earned" data-credits={referral.earnedCredits}>
              {displayCredits(referral.earnedCredits)}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
