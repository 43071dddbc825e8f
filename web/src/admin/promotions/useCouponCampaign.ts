import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { CouponCampaignInput } from '../../gql/graphql';
import type { CouponRequest } from './coupon-form';
import { toCouponInput } from './useAdminCoupons';

const GenerateCouponsMutation = graphql(`
  mutation AdminGenerateCoupons($input: CouponCampaignInput!) {
    adminGenerateCoupons(input: $input) {
      campaign
      count
      codes
      csv
    }
  }
`);

/** Generates `count` unique single-use codes sharing one coupon template; the list refetches. */
export function useCouponCampaign() {
  const [generate, state] = useMutation(GenerateCouponsMutation, { refetchQueries: ['AdminCoupons'] });
  return {
    generate: async (campaign: string, count: number, template: CouponRequest) => {
      // Campaign codes are single-use and made by the server: no code or limits of the template's.
      const { code: _code, maxRedemptions: _max, perUserLimit: _perUser, ...terms } = toCouponInput(template);
      const input: CouponCampaignInput = { ...terms, campaign, count };
      return (await generate({ variables: { input } })).data?.adminGenerateCoupons;
    },
    pending: state.loading,
  };
}
