import { useRef, useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { newIdempotencyKey } from '../admin/idempotency-key';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { displayCredits } from '../credits/money';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { EMPTY_GIFT, giftProblems, toSendGiftInput, type GiftField, type GiftFormValues } from './gift-form';
import { useSendGift } from './useGifts';

/**
 * Send part of the available balance by email. One idempotency key per gift: a retry after a lost
 * answer (or a double click) sends it once; a new key only once a gift went through or the form changed.
 */
export function SendGiftForm() {
  const user = useCurrentUser();
  const { send, pending } = useSendGift();
  const [values, setValues] = useState<GiftFormValues>(EMPTY_GIFT);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<{ text: string; claimUrl: string | null } | null>(null);
  const key = useRef(newIdempotencyKey());
  const errors = submitted ? giftProblems(values, user.email) : {};

  const set = (field: GiftField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    key.current = newIdempotencyKey();
    setProblem(null);
    setSent(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(giftProblems(values, user.email)).length > 0) return;
    setProblem(null);
    try {
      const gift = await send(toSendGiftInput(values, key.current));
      if (!gift) return;
      setSent({ text: `${displayCredits(gift.credits)} credits sent to ${gift.recipientEmail}.`, claimUrl: gift.claimUrl });
      setValues(EMPTY_GIFT);
      setSubmitted(false);
      key.current = newIdempotencyKey();
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure)));
    }
  };

  return (
    <form className="promotions-form" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="send-gift-form">
      <TextField
        name="gift-email"
        label="Recipient's email"
        type="email"
        value={values.recipientEmail}
        onChange={set('recipientEmail')}
        error={errors.recipientEmail}
      />
      <TextField
        name="gift-credits"
        label="Credits"
        inputMode="decimal"
        value={values.credits}
        onChange={set('credits')}
        error={errors.credits}
        hint="Up to 6 decimals, at most 100,000."
      />
      <TextField name="gift-message" label="Message (optional)" value={values.message} onChange={set('message')} error={errors.message} />
      <div className="promotions-actions">
        <button type="submit" className="button button-primary" disabled={pending} data-testid="send-gift-button">
          {pending ? 'Sending…' : 'Send gift'}
        </button>
      </div>
      {problem && <Alert testId="gift-problem">{problem}</Alert>}
      {sent && (
        <Alert tone="info" testId="gift-sent">
          {sent.text}
          {sent.claimUrl && (
            <>
              {' '}
              They have no account yet: send them this link to claim it: <code data-testid="gift-claim-url">{sent.claimUrl}</code>
            </>
          )}
        </Alert>
      )}
    </form>
  );
}
