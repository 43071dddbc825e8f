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
  /** Who made the call or the change on a team's account; null on a personal one or when nobody did. */
  memberEmail: string | null;
  /** The API key the call was made with, or null. */
  apiKeyName: string | null;
}

export const TRANSACTIONS_CSV_HEADER = [
  'id',
  'created_at',
  'type',
  'description',
  'amount',
  'balance_after',
  'reference',
  'actor_type',
  'member_email',
  'api_key_name',
];

/**
 * The export: the same columns on every account (member and key stay empty where they do not
 * apply), so a script reads a personal and a team export alike. One row per transaction, newest first like the table. Amounts stay the API's exact
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
      t.memberEmail ?? '',
      t.apiKeyName === null ? '' : inertText(t.apiKeyName),
    ]),
  ]);
}

/** "tollgate-transactions-2025-03-05.csv", naming the filters when there are any. */
export function csvFileName(filters: TransactionFilters, now: Date): string {
  const parts = ['tollgate-transactions'];
  if (filters.types.length > 0) parts.push(filters.types.map((type) => type.toLowerCase().replaceAll('_', '-')).join('+'));
  if (filters.from) parts.push(`from-${filters.from}`);
  if (filters.to) parts.push(`to-${filters.to}`);
  // The first block of an id is enough to tell two exports apart in a downloads folder.
  if (filters.memberId) parts.push(`member-${filters.memberId.slice(0, 8)}`);
  if (filters.apiKeyId) parts.push(`key-${filters.apiKeyId.slice(0, 8)}`);
  if (!filters.from && !filters.to) parts.push(localDay(now));
  return `${parts.join('_')}.csv`;
}
