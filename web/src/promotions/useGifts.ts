import { useMutation, useQuery } from '@apollo/client/react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import type { SendGiftInput } from '../gql/graphql';

const GiftsQuery = graphql(`
  query Gifts {
    giftsSent {
      id
      credits
      status
      recipientEmail
      message
      claimUrl
      createdAt
      claimedAt
      expiresAt
    }
    giftsReceived {
      id
      credits
      status
      senderEmail
      message
      createdAt
      claimedAt
    }
  }
`);

const SendGiftMutation = graphql(`
  mutation SendGift($input: SendGiftInput!) {
    sendGift(input: $input) {
      id
      credits
      status
      recipientEmail
      claimUrl
    }
  }
`);

const ClaimGiftMutation = graphql(`
  mutation ClaimGift($token: String!) {
    claimGift(token: $token) {
      id
      credits
      status
      senderEmail
      message
    }
  }
`);

const ClaimPendingGiftsMutation = graphql(`
  mutation ClaimPendingGifts {
    claimPendingGifts {
      id
      credits
    }
  }
`);

export type SentGift = ResultOf<typeof GiftsQuery>['giftsSent'][number];
export type ReceivedGift = ResultOf<typeof GiftsQuery>['giftsReceived'][number];

/** Gifts the user sent and received, as the server lists them. */
export function useGifts() {
  const { data, error } = useQuery(GiftsQuery);
  return { sent: data?.giftsSent, received: data?.giftsReceived, error };
}

/** Sending moves credit out of the balance: the lists and the balance are refetched. */
export function useSendGift() {
  const [send, state] = useMutation(SendGiftMutation, { refetchQueries: ['Gifts', 'CreditBalance', 'Transactions'] });
  return { send: async (input: SendGiftInput) => (await send({ variables: { input } })).data?.sendGift, pending: state.loading };
}

/** Claiming a gift link adds its credits to the signed-in user's balance. */
export function useClaimGift() {
  const [claim, state] = useMutation(ClaimGiftMutation, { refetchQueries: ['Gifts', 'CreditBalance', 'Transactions'] });
  return { claim: async (token: string) => (await claim({ variables: { token } })).data?.claimGift, pending: state.loading };
}

/** Claims every gift addressed to the user's e-mail that waited for their account. */
export function useClaimPendingGifts() {
  const [claim, state] = useMutation(ClaimPendingGiftsMutation, { refetchQueries: ['Gifts', 'CreditBalance', 'Transactions'] });
  return { claimPending: async () => (await claim()).data?.claimPendingGifts ?? [], pending: state.loading };
}
