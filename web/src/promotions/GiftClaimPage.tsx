import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { displayCredits } from '../credits/money';
import { useActingAccess } from '../api-keys/useActingAccess';
import { managerOnly } from '../teams/manager-only';
import { Alert } from '../ui/Alert';
import { useClaimGift } from './useGifts';
import './promotions.css';

type State = { phase: 'claiming' } | { phase: 'claimed'; text: string; credits: string } | { phase: 'failed'; text: string };

/**
 * A gift's claim link, `/gifts/claim?token=…`. It sits behind sign-in (which returns here), so the
 * claim runs once the recipient has an account and is signed in; claiming is idempotent server side.
 */
export function GiftClaimPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { claim } = useClaimGift();
  const [state, setState] = useState<State>({ phase: 'claiming' });
  const started = useRef(false);
  // The claim lands in the acting account: on a team only an owner or admin may claim, so a member
  // is told so instead of being refused, and the link stays unused for their own account.
  const access = useActingAccess();
  const waitingForRole = access.team !== null && access.role === undefined;
  const lock = managerOnly(access);

  useEffect(() => {
    if (started.current || waitingForRole || lock.locked) return;
    started.current = true;
    if (!token) {
      setState({ phase: 'failed', text: 'This claim link is incomplete: it has no token. Ask the sender for the link again.' });
      return;
    }
    claim(token)
      .then((gift) => {
        if (gift)
          setState({
            phase: 'claimed',
            credits: gift.credits,
            text: `${displayCredits(gift.credits)} credits from ${gift.senderEmail} are now in your balance.`,
          });
      })
      .catch((failure: unknown) =>
        setState({
          phase: 'failed',
          text: describeProblem(problemFromError(failure), {
            NOT_FOUND: 'This gift link is not valid, or the gift was already claimed or returned to its sender.',
          }),
        }),
      );
  }, [claim, token, waitingForRole, lock.locked]);

  return (
    <section className="page promotions-page gift-claim">
      <h1>Claim a gift</h1>
      {lock.locked && (
        <Alert tone="info" testId="manager-only-notice">
          {lock.notice} To claim this gift yourself, switch to your own account with the switcher at the top: this link still works then.
        </Alert>
      )}
      {!lock.locked && state.phase === 'claiming' && <p className="muted">Claiming the gift…</p>}
      {state.phase === 'claimed' && (
        <Alert tone="info" testId="gift-claimed">
          <span data-credits={state.credits}>{state.text}</span>
        </Alert>
      )}
      {state.phase === 'failed' && <Alert testId="gift-claim-problem">{state.text}</Alert>}
      <p>
        <Link to="/promotions">Go to Promotions</Link>
      </p>
    </section>
  );
}
