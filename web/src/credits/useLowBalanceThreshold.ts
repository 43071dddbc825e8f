import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { exactCredits } from './money';
import { CreditBalanceQuery } from './useCreditBalance';

const SetLowBalanceThresholdMutation = graphql(`
  mutation SetLowBalanceThreshold($threshold: Credits!) {
    setLowBalanceThreshold(threshold: $threshold) {
      balance
      held
      available
      lowBalanceThreshold
      lowBalance
    }
  }
`);

/** Changing the low-balance threshold; the answer replaces the cached balance, so the banner reacts at once. */
export function useLowBalanceThreshold() {
  const [mutate, { loading }] = useMutation(SetLowBalanceThresholdMutation, {
    update: (cache, { data }) => {
      if (data) cache.writeQuery({ query: CreditBalanceQuery, data: { creditBalance: data.setLowBalanceThreshold } });
    },
  });
  const save = async (input: string): Promise<void> => {
    await mutate({ variables: { threshold: exactCredits(input) } });
  };
  return { save, saving: loading };
}
