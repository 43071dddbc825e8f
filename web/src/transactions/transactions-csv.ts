import type { TransactionType } from '../gql/graphql';
import { localDay } from '../ui/local-date';
import { inertText, toCsv } from './csv';
import type { TransactionFilters } from './filters';

export interface ExportedTransaction {
  id: string;
  type: TransactionType;
  amount: string;
  balanceAfter: string;
  description: string;
  reference: string | null;
  actorType: string;
  createdAt: string;
}

export const TRANSACTIONS_CSV_HEADER = ['id', 'created_at', 'type', 'description', 'amount', 'balance_after', 'reference', 'actor_type'];

/**
 * The export: one row per transaction, newest first like the table. Amounts stay the API's exact
 * decimal strings and dates its UTC ISO instants, so a spreadsheet or a script reads them losslessly;
 * the free-text columns are made inert (see `inertText`).
 */
export function transactionsCsv(transactions: readonly ExportedTransaction[]): string {
  return toCsv([
    TRANSACTIONS_CSV_HEADER,
    ...transactions.map((t) => [
      t.id,
      t.createdAt,
      t.type,
      inertText(t.description),
      t.amount,
      t.balanceAfter,
      t.reference === null ? '' : inertText(t.reference),
      t.actorType,
    ]),
  ]);
}

/** "tollgate-transactions-2025-03-05.csv", naming the filters when there are any. */
export function csvFileName(filters: TransactionFilters, now: Date): string {
  const parts = ['tollgate-transactions'];
  if (filters.types.length > 0) parts.push(filters.types.map((type) => type.toLowerCase().replaceAll('_', '-')).join('+'));
  if (filters.from) parts.push(`from-${filters.from}`);
  if (filters.to) parts.push(`to-${filters.to}`);
  if (!filters.from && !filters.to) parts.push(localDay(now));
  return `${parts.join('_')}.csv`;
}
