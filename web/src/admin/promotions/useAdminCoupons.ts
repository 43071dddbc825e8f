import { useMutation, useQuery } from '@apollo/client/react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql';
import type { CouponInput } from '../../gql/graphql';
import type { CouponRequest } from './coupon-form';

const AdminCouponsQuery = graphql(`
  query AdminCoupons {
    adminCoupons {
      code
      kind
      credits
      percentOff
      amountOffUsd
      tierCode
      freeMonths
      maxRedemptions
      redemptions
      perUserLimit
      startsAt
      expiresAt
      active
      appliesTo
      firstPurchaseOnly
      note
      createdBy
      creditsGranted
    }
  }
`);

const CreateCouponMutation = graphql(`
  mutation AdminCreateCoupon($input: CouponInput!) {
    adminCreateCoupon(input: $input) {
      code
    }
  }
`);

const DeactivateCouponMutation = graphql(`
  mutation AdminDeactivateCoupon($code: String!) {
    adminDeactivateCoupon(code: $code) {
      code
      active
    }
  }
`);

export type AdminCoupon = ResultOf<typeof AdminCouponsQuery>['adminCoupons'][number];

/** The request in the API's names: dollars as a string ("9.99"), whole percent, nulls left out. */
export function toCouponInput(request: CouponRequest): CouponInput {
  const { amountOffCents, ...rest } = request;
  const input: Record<string, unknown> = { ...rest, amountOffUsd: amountOffCents === null ? null : (amountOffCents / 100).toFixed(2) };
  for (const [key, value] of Object.entries(input)) if (value === null) delete input[key];
  return input as unknown as CouponInput;
}

/** Every coupon with its redemption count and credits granted; create and deactivate refetch the list. */
export function useAdminCoupons() {
  const { data, error, refetch } = useQuery(AdminCouponsQuery, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateCouponMutation, { refetchQueries: ['AdminCoupons'], awaitRefetchQueries: true });
  const [deactivate, deactivating] = useMutation(DeactivateCouponMutation, { refetchQueries: ['AdminCoupons'], awaitRefetchQueries: true });
  return {
    coupons: data?.adminCoupons,
    error,
    refetch,
    create: async (request: CouponRequest) => (await create({ variables: { input: toCouponInput(request) } })).data?.adminCreateCoupon,
    deactivate: async (code: string) => {
      await deactivate({ variables: { code } });
    },
    creating: creating.loading,
    deactivating: deactivating.loading,
  };
}
