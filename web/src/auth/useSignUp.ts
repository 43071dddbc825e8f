import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { Credentials } from './credentials';
import { useRedeemAfterSignUp } from '../promotions/useRedeemAfterSignUp';
import { setToken } from './token-store';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        role
      }
    }
  }
`);

/** What sign-up may carry besides the credentials: a referral link's code, a coupon to redeem at once. */
export interface SignUpExtras {
  referralCode?: string;
  couponCode?: string;
}

/**
 * Creates the account and signs straight in; storing the token moves the user on (see PublicOnly).
 * A coupon is redeemed with the new token before that, so the balance already shows it; if it is
 * refused the account still stands, and the user lands on Promotions with the code and the reason.
 */
export function useSignUp({ referralCode, couponCode }: SignUpExtras = {}): (input: Credentials) => Promise<void> {
  const [signUp] = useMutation(SignUpMutation);
  const redeemAfterSignUp = useRedeemAfterSignUp();
  return async (input) => {
    const { data } = await signUp({ variables: { input: { ...input, ...(referralCode ? { referralCode } : {}) } } });
    if (!data) return;
    if (couponCode) await redeemAfterSignUp(couponCode, data.signUp.token);
    setToken(data.signUp.token);
  };
}
