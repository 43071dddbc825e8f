import { useMutation } from '@apollo/client/react';
import { useRef } from 'react';
import { newIdempotencyKey } from '../admin/idempotency-key';
import { graphql } from '../gql';
import type { CheckoutStarter } from './useCheckout';

const BuyCreditsMutation = graphql(`
  mutation BuyCredits($input: BuyCreditsInput!) {
    buyCredits(input: $input) {
      id
      url
    }
  }
`);

/**
 * Buy on a package card: opens a payment-mode checkout for it. One idempotency key per package for
 * the page view, so a double click or a retry after a lost answer reopens the same checkout
 * session instead of making a second one; coming back from the checkout loads the page afresh,
 * and a new key.
 */
export function useBuyCredits(checkout: CheckoutStarter) {
  const [buyCredits] = useMutation(BuyCreditsMutation);
  const keys = useRef(new Map<string, string>());
  // A coupon changes what is bought: its own key, so a retry with another code is a new checkout.
  return (packageCode: string, couponCode?: string) => {
    const keyFor = couponCode ? `${packageCode}:${couponCode}` : packageCode;
    let key = keys.current.get(keyFor);
    if (!key) keys.current.set(keyFor, (key = newIdempotencyKey()));
    const idempotencyKey = key;
    return checkout.start(`package:${packageCode}`, { kind: 'package', packageCode }, async () => {
      const { data } = await buyCredits({ variables: { input: { packageCode, idempotencyKey, ...(couponCode ? { couponCode } : {}) } } });
      return data?.buyCredits;
    });
  };
}
