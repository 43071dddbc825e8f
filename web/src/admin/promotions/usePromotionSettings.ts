import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { PromotionSettingsInput } from '../../gql/graphql';

const PromotionSettingsQuery = graphql(`
  query AdminPromotionSettings {
    adminPromotionSettings {
      giftPaidCreditsOnly
      referrerBonusCredits
      referredBonusCredits
      referralBlockSameDomain
      updatedAt
    }
  }
`);

const UpdatePromotionSettingsMutation = graphql(`
  mutation AdminUpdatePromotionSettings($input: PromotionSettingsInput!) {
    adminUpdatePromotionSettings(input: $input) {
      giftPaidCreditsOnly
      referrerBonusCredits
      referredBonusCredits
      referralBlockSameDomain
      updatedAt
    }
  }
`);

/** The admin's promotion rules; a save writes its answer over the cached settings. */
export function usePromotionSettings() {
  const { data, error } = useQuery(PromotionSettingsQuery, { fetchPolicy: 'cache-and-network' });
  const [mutate, { loading: saving }] = useMutation(UpdatePromotionSettingsMutation, {
    update: (cache, { data: answer }) => {
      if (answer) cache.writeQuery({ query: PromotionSettingsQuery, data: { adminPromotionSettings: answer.adminUpdatePromotionSettings } });
    },
  });
  const save = async (input: PromotionSettingsInput) => {
    await mutate({ variables: { input } });
  };
  return { settings: data?.adminPromotionSettings, error, save, saving };
}
