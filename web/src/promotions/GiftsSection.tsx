import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ReceivedGifts, SentGifts } from './GiftLists';
import { SendGiftForm } from './SendGiftForm';
import { useClaimPendingGifts, useGifts } from './useGifts';

/** Send credit to someone by email; the gifts sent and received (`claimLocked`: a team member may not claim into the team). */
export function GiftsSection({ claimLocked = false }: { claimLocked?: boolean }) {
  const { sent, received, error } = useGifts();
  const { claimPending, pending } = useClaimPendingGifts();
  const waiting = received?.filter((gift) => gift.status === 'PENDING').length ?? 0;
  return (
    <section className="promotions-section" aria-labelledby="gifts-title">
      <h2 id="gifts-title">Gift credits</h2>
      <p className="muted">Send part of your available credit to someone by email. A gift nobody claims within 30 days comes back to you.</p>
      <div className="card promotions-card">
        <SendGiftForm />
      </div>
      {error && !sent && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {sent && (
        <>
          <h3>Sent</h3>
          <SentGifts gifts={sent} />
        </>
      )}
      {received && (
        <>
          <h3>Received</h3>
          {waiting > 0 && (
            <p className="promotions-actions">
              <span>{waiting === 1 ? 'A gift is' : `${waiting} gifts are`} waiting for you.</span>
              <button
                type="button"
                className="button button-primary"
                disabled={pending || claimLocked}
                onClick={() => void claimPending()}
                data-testid="claim-pending-gifts"
              >
                {pending ? 'Claiming…' : 'Claim'}
              </button>
            </p>
          )}
          <ReceivedGifts gifts={received} />
        </>
      )}
    </section>
  );
}
