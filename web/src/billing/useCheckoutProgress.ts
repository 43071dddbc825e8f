import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../gql';
import { checkoutPhase, findCheckoutPayment, pollIntervalMs, type CheckoutFor } from './checkout-progress';
import { usePoll } from './usePoll';
import { useRefetchOnBalanceChange } from './useRefetchOnBalanceChange';

const CheckoutPaymentsQuery = graphql(`
  query CheckoutPayments {
    payments(first: 5) {
      nodes {
        id
        kind
        status
        amountUsd
        credits
        bonusCredits
        creditsGranted
        packageCode
        checkoutSessionId
        testMode
        createdAt
      }
    }
  }
`);

/**
 * The payment a checkout made, followed live: refetched when `balanceChanged` reports the grant,
 * and polled slowly until it is settled (a failure moves no balance, and the subscription may have
 * connected only after the event).
 */
export function useCheckoutProgress(sessionId: string | null, bought: CheckoutFor) {
  const [openedAt] = useState(() => Date.now());
  const { data, error, refetch } = useQuery(CheckoutPaymentsQuery, { fetchPolicy: 'network-only' });
  const payment = data ? findCheckoutPayment(data.payments.nodes, sessionId, bought) : undefined;
  const phase = checkoutPhase(payment);
  usePoll(refetch, data ? pollIntervalMs(phase, Date.now() - openedAt) : 0);
  useRefetchOnBalanceChange(refetch);
  return { payment, phase, loaded: Boolean(data), error };
}
