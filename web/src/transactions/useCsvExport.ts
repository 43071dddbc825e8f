import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { problemFromError, type ApiProblem } from '../apollo/problem';
import { graphql } from '../gql';
import { downloadFile } from './download';
import { filtersToVariables, type TransactionFilters } from './filters';
import { csvFileName, transactionsCsv, type ExportedTransaction } from './transactions-csv';

/** The API's largest page. */
const EXPORT_PAGE_SIZE = 100;

const TransactionsExportQuery = graphql(`
  query TransactionsExport($first: Int, $after: String, $types: [TransactionType!], $from: DateTime, $to: DateTime, $memberId: ID, $apiKeyId: ID) {
    creditTransactions(first: $first, after: $after, types: $types, from: $from, to: $to, memberId: $memberId, apiKeyId: $apiKeyId) {
      nodes {
        id
        type
        amount
        balanceAfter
        description
        reference
        actorType
        createdAt
        memberEmail
        apiKeyName
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export type ExportState = { status: 'idle' } | { status: 'running'; fetched: number; total: number | null } | { status: 'failed'; problem: ApiProblem };

/**
 * Every transaction under the filters, not just the page on show: pages of 100 in cursor order
 * until the last. The cursor is a position in the ledger (newest first), so rows added meanwhile
 * land before the first page and neither repeat nor shift what is still to come.
 */
async function fetchAll(
  client: ApolloClient,
  filters: TransactionFilters,
  onProgress: (fetched: number, total: number) => void,
): Promise<ExportedTransaction[]> {
  const rows: ExportedTransaction[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(client, filters, after);
    rows.push(...page.nodes);
    onProgress(rows.length, page.totalCount);
    const next = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage || !next || next === after) return rows;
    after = next;
  }
}

async function fetchPage(client: ApolloClient, filters: TransactionFilters, after: string | null) {
  const { data } = await client.query({
    query: TransactionsExportQuery,
    variables: { ...filtersToVariables(filters), first: EXPORT_PAGE_SIZE, after },
    // Thousands of rows have no business in the cache the screens read.
    fetchPolicy: 'no-cache',
  });
  if (!data) throw new Error('creditTransactions returned no data');
  return data.creditTransactions;
}

/** Exports the transactions under `filters` as a CSV download, with progress. */
export function useCsvExport(filters: TransactionFilters) {
  const client = useApolloClient();
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    if (state.status === 'running') return;
    setState({ status: 'running', fetched: 0, total: null });
    try {
      const rows = await fetchAll(client, filters, (fetched, total) => setState({ status: 'running', fetched, total }));
      downloadFile(csvFileName(filters, new Date()), transactionsCsv(rows), 'text/csv;charset=utf-8');
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'failed', problem: problemFromError(error) });
    }
  };

  return { state, run };
}
