import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { CouponField } from '../promotions/CouponField';
import { useCouponCheck } from '../promotions/useCouponCheck';
import { AuthCard } from './AuthCard';
import { CredentialsForm } from './CredentialsForm';
import { signUpProblems } from './credentials';
import { useCredentialsForm } from './useCredentialsForm';
import { useSignUp } from './useSignUp';

export function SignUpPage() {
  useDocumentTitle('Create an account');
  const [params] = useSearchParams();
  // A referral link's code (`/signup?ref=…`): sent with the sign-up; the user may drop it.
  const [referralCode, setReferralCode] = useState(() => params.get('ref')?.trim() ?? '');
  const [coupon, setCoupon] = useState(() => params.get('coupon') ?? '');
  const { code: couponCode, preview } = useCouponCheck(coupon);
  // A discount is not redeemed: it is entered at a checkout, once signed in.
  const discount = preview.state === 'valid' && (preview.offer.kind === 'PERCENT_OFF' || preview.offer.kind === 'AMOUNT_OFF');
  const signUp = useSignUp({ referralCode: referralCode || undefined, couponCode: (!discount && couponCode) || undefined });
  const form = useCredentialsForm({ validate: signUpProblems, submit: signUp });
  return (
    <AuthCard
      title="Create an account"
      subtitle="Meter and resell LLM usage with prepaid credits."
      footer={
        <>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </>
      }
    >
      <CredentialsForm form={form} mode="sign-up" submitLabel="Create account" pendingLabel="Creating account…">
        <CouponField name="signup-coupon" value={coupon} onChange={setCoupon} preview={preview} disabled={form.pending} />
        {discount && <p className="muted">Enter this code next to Buy or Subscribe on the Billing page once your account is made.</p>}
        {referralCode && (
          <p className="muted" data-testid="signup-referral" data-code={referralCode}>
            Invited with referral code <code>{referralCode}</code>: you both get bonus credits after your first payment.{' '}
            <button type="button" className="button button-ghost" onClick={() => setReferralCode('')} data-testid="drop-referral">
              Sign up without it
            </button>
          </p>
        )}
      </CredentialsForm>
    </AuthCard>
  );
}
