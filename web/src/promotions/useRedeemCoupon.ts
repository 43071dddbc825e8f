import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const RedeemCouponMutation = graphql(`
  mutation RedeemCoupon($code: String!) {
    redeemCoupon(code: $code) {
      credits
      endsAt
      tierCode
      coupon {
        code
        kind
      }
      transaction {
        id
      }
    }
  }
`);

/**
 * Redeems a code for the signed-in user. The balance widget follows the ledger's live updates;
 * the balance and history are also refetched here, so the page is right even without them.
 */
export function useRedeemCoupon() {
  // A free month changes the tier too: what shows it is refetched as well.
  const [redeem, state] = useMutation(RedeemCouponMutation, {
    refetchQueries: ['CreditBalance', 'Transactions', 'BillingSubscription', 'TiersPage', 'Dashboard'],
  });
  return {
    redeem: async (code: string) => (await redeem({ variables: { code } })).data?.redeemCoupon,
    pending: state.loading,
  };
}
