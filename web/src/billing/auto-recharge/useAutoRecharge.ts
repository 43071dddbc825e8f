import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../gql';

/** What the settings form shows, read by the query and answered by the mutation alike. */
const AutoRechargeFields = graphql(`
  fragment AutoRechargeSettings_AutoRecharge on AutoRecharge {
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
`);

export const AutoRechargeQuery = graphql(`
  query AutoRechargeSettings {
    autoRecharge {
      ...AutoRechargeSettings_AutoRecharge
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
      ...AutoRechargeSettings_AutoRecharge
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
  return {
    settings: getFragmentData(AutoRechargeFields, data?.autoRecharge) ?? null,
    packages: data?.creditPackages,
    error,
    loading: loading && !data,
    save,
    saving,
  };
}
