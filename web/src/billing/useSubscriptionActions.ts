import type { ApolloCache } from '@apollo/client';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { evictPricing } from '../models/evict-pricing';
import type { CheckoutStarter } from './useCheckout';
import { BillingSubscriptionQuery } from './useBillingSubscription';

const SubscribeMutation = graphql(`
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) {
      id
      url
    }
  }
`);

const ChangeSubscriptionMutation = graphql(`
  mutation ChangeSubscription($tierCode: String!) {
    changeSubscription(tierCode: $tierCode) {
      ...BillingSubscriptionFields
    }
  }
`);

const CancelSubscriptionMutation = graphql(`
  mutation CancelSubscription {
    cancelSubscription {
      ...BillingSubscriptionFields
    }
  }
`);

const ResumeSubscriptionMutation = graphql(`
  mutation ResumeSubscription {
    resumeSubscription {
      ...BillingSubscriptionFields
    }
  }
`);

const BillingPortalMutation = graphql(`
  mutation BillingPortal {
    billingPortal {
      id
      url
    }
  }
`);

/**
 * Subscribe (a checkout), change, cancel, resume, and Stripe's portal. A change can move the tier at
 * once (an upgrade in test mode): the answer replaces the cached subscription, and what depends on
 * the tier (the user's tier, prices, estimates) is fetched afresh.
 */
export function useSubscriptionActions(checkout: CheckoutStarter) {
  const client = useApolloClient();
  // The mutations select the query's fields, so their answer is the query's answer.
  const afterChange = (cache: ApolloCache, subscription: ResultOf<typeof BillingSubscriptionQuery>['subscription'] | undefined) => {
    if (subscription) cache.writeQuery({ query: BillingSubscriptionQuery, data: { subscription } });
    evictPricing(cache);
  };
  const [subscribe] = useMutation(SubscribeMutation);
  const [change, changing] = useMutation(ChangeSubscriptionMutation, { update: (cache, { data }) => afterChange(cache, data?.changeSubscription) });
  const [cancel, canceling] = useMutation(CancelSubscriptionMutation, { update: (cache, { data }) => afterChange(cache, data?.cancelSubscription) });
  const [resume, resuming] = useMutation(ResumeSubscriptionMutation, { update: (cache, { data }) => afterChange(cache, data?.resumeSubscription) });
  const [portal] = useMutation(BillingPortalMutation);
  // The user's tier shows in several places (tier page, dashboard): refetch them after a change.
  const refreshTier = () => client.refetchQueries({ include: ['TiersPage', 'Dashboard'] });

  return {
    subscribe: (tierCode: string, couponCode?: string) =>
      checkout.start(
        `tier:${tierCode}`,
        { kind: 'subscription', tierCode },
        async () => (await subscribe({ variables: { input: { tierCode, ...(couponCode ? { couponCode } : {}) } } })).data?.subscribe,
      ),
    change: async (tierCode: string) => {
      await change({ variables: { tierCode } });
      await refreshTier();
    },
    cancel: async () => {
      await cancel();
    },
    resume: async () => {
      await resume();
    },
    /** Stripe's Customer Portal: a redirect like a checkout's, with nothing to follow on return. */
    openPortal: () => checkout.start('portal', null, async () => (await portal()).data?.billingPortal),
    pending: changing.loading || canceling.loading || resuming.loading,
  };
}
