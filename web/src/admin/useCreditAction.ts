import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { CreditActionRequest } from './credit-action';

const AdminGrantCreditsMutation = graphql(`
  mutation AdminGrantCredits($input: AdminCreditInput!) {
    adminGrantCredits(input: $input) {
      id
      amount
      balanceAfter
    }
  }
`);

const AdminDeductCreditsMutation = graphql(`
  mutation AdminDeductCredits($input: AdminCreditInput!) {
    adminDeductCredits(input: $input) {
      id
      amount
      balanceAfter
    }
  }
`);

const AdminRefundCreditsMutation = graphql(`
  mutation AdminRefundCredits($input: AdminRefundInput!) {
    adminRefundCredits(input: $input) {
      id
      amount
      balanceAfter
    }
  }
`);

export interface MovedCredit {
  amount: string;
  balanceAfter: string;
}

/**
 * Runs an admin credit action. The answer is another user's ledger entry: it stays out of the
 * cache (whose transaction lists are the admin's own), and the accounts list is refetched for the
 * new balances.
 */
export function useCreditAction() {
  const options = { fetchPolicy: 'no-cache' as const, refetchQueries: ['AdminAccounts'] };
  const [grant, grantState] = useMutation(AdminGrantCreditsMutation, options);
  const [deduct, deductState] = useMutation(AdminDeductCreditsMutation, options);
  const [refund, refundState] = useMutation(AdminRefundCreditsMutation, options);

  const run = async (request: CreditActionRequest): Promise<MovedCredit> => {
    switch (request.kind) {
      case 'grant':
        return required((await grant({ variables: { input: request.input } })).data?.adminGrantCredits);
      case 'deduct':
        return required((await deduct({ variables: { input: request.input } })).data?.adminDeductCredits);
      case 'refund':
        return required((await refund({ variables: { input: request.input } })).data?.adminRefundCredits);
    }
  };

  return { run, pending: grantState.loading || deductState.loading || refundState.loading };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The server answered without data');
  return value;
}
