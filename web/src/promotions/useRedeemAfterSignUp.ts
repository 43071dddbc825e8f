import { useMutation } from '@apollo/client/react';
import { useLocation, useNavigate } from 'react-router';
import { graphql } from '../gql';
import { couponReasonOf } from './coupon-reason';

const RedeemAtSignUpMutation = graphql(`
  mutation RedeemCouponAtSignUp($code: String!) {
    redeemCoupon(code: $code) {
      credits
    }
  }
`);

/**
 * Sign-up's coupon, redeemed with the new account's token before it is stored (the auth link only
 * adds a stored token, so this header stands). A refusal does not undo the sign-up: the user is
 * sent to Promotions with the code filled in, where the preview says why.
 */
export function useRedeemAfterSignUp() {
  const [redeem] = useMutation(RedeemAtSignUpMutation);
  const navigate = useNavigate();
  const here = useLocation();
  return async (code: string, token: string) => {
    try {
      await redeem({ variables: { code }, context: { headers: { authorization: `Bearer ${token}` } } });
    } catch (failure) {
      // PublicOnly sends a new session to `state.from`: point it at Promotions with the code and reason.
      const reason = couponReasonOf(failure) ?? 'UNKNOWN';
      // The router updates in a transition: flushSync commits the new state before the token is
      // stored, or PublicOnly would render with the old state and send the user to the dashboard.
      await navigate(`${here.pathname}${here.search}`, {
        replace: true,
        flushSync: true,
        state: { from: `/promotions?coupon=${encodeURIComponent(code)}&refused=${reason}` },
      });
    }
  };
}
