import { skipToken, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useCursorPager } from '../ui/useCursorPager';
import { filtersProblem, filtersToParams, filtersToVariables, type TransactionFilters } from './filters';

export const TRANSACTIONS_PAGE_SIZE = 20;

const TransactionsQuery = graphql(`
  query Transactions($first: Int, $after: String, $types: [TransactionType!], $from: DateTime, $to: DateTime, $memberId: ID, $apiKeyId: ID) {
    creditTransactions(first: $first, after: $after, types: $types, from: $from, to: $to, memberId: $memberId, apiKeyId: $apiKeyId) {
      nodes {
        id
        ...TransactionRow_CreditTransaction
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

/**
 * One page of the history under `filters`. Each page is cached under its own arguments, so
 * Previous is instant and no merge policy is needed; a balance change evicts them all (see
 * `useBalanceUpdates`) and the page on show refetches.
 */
export function useTransactions(filters: TransactionFilters) {
  const problem = filtersProblem(filters);
  const pager = useCursorPager(filtersToParams(filters).toString());
  const { data, previousData, loading, error } = useQuery(
    TransactionsQuery,
    problem ? skipToken : { variables: { ...filtersToVariables(filters), first: TRANSACTIONS_PAGE_SIZE, after: pager.after } },
  );
  // While the next page (or a refetch) loads, keep showing the last one rather than flashing
  // empty; `stale` says the rows on show are not yet the ones asked for.
  const connection = problem ? undefined : (data ?? previousData)?.creditTransactions;
  return { connection, stale: !data, pager, loading, error, filterProblem: problem };
}
