import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

export const AutoRechargeQuery = graphql(`
  query AutoRechargeSettings {
    autoRecharge {
      enabled
      belowCredits
      packageCode
      monthlyLimitUsd
      spentThisMonthUsd
      armed
      lastChargeAt
      lastError
      disabledReason
    }
    creditPackages {
      code
      name
      priceUsd
      totalCredits
    }
  }
`);

const SetAutoRechargeMutation = graphql(`
  mutation SetAutoRecharge($input: AutoRechargeInput!) {
    setAutoRecharge(input: $input) {
      enabled
      belowCredits
      packageCode
      monthlyLimitUsd
      spentThisMonthUsd
      armed
      lastChargeAt
      lastError
      disabledReason
    }
  }
`);

/** The user's auto-recharge settings and the packages to choose from; saving writes the answer into the cache. */
export function useAutoRecharge() {
  const { data, error, loading } = useQuery(AutoRechargeQuery, { fetchPolicy: 'cache-and-network' });
  const [mutate, { loading: saving }] = useMutation(SetAutoRechargeMutation, {
    update: (cache, { data: saved }) => {
      const current = cache.readQuery({ query: AutoRechargeQuery });
      if (saved && current) cache.writeQuery({ query: AutoRechargeQuery, data: { ...current, autoRecharge: saved.setAutoRecharge } });
    },
  });
  const save = async (input: { enabled: boolean; belowCredits: string; packageCode: string; monthlyLimitUsd: string }) => {
    await mutate({ variables: { input } });
  };
  return { settings: data?.autoRecharge ?? null, packages: data?.creditPackages, error, loading: loading && !data, save, saving };
}
