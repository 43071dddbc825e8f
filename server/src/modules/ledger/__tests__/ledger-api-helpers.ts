/** Queries and checks the user-facing ledger API test files share (on top of api-helpers.ts). */
import { randomUUID } from 'node:crypto';
import { withClient } from '../../../test-support/database.js';
import { admin, newUser as signUpUser, t, type Tx, type User } from './api-helpers.js';

export const BALANCE = '{ creditBalance { balance held available lowBalanceThreshold lowBalance } }';
export const TRANSACTIONS = `query Tx($first: Int, $after: String, $types: [TransactionType!], $from: DateTime, $to: DateTime) {
  creditTransactions(first: $first, after: $after, types: $types, from: $from, to: $to) {
    nodes { id type amount balanceAfter description reference actorType createdAt }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;
export const GRANTS = '{ creditGrants { id source amount remaining priority expiresAt createdAt } }';
export const SET_THRESHOLD = `mutation Threshold($threshold: Credits!) {
  setLowBalanceThreshold(threshold: $threshold) { balance held available lowBalanceThreshold lowBalance }
}`;
const GRANT = `mutation Grant($input: AdminCreditInput!) {
  adminGrantCredits(input: $input) { id type amount balanceAfter createdAt }
}`;
const DEDUCT = `mutation Deduct($input: AdminCreditInput!) {
  adminDeductCredits(input: $input) { id type amount balanceAfter createdAt }
}`;

export const CREDITS = /^\d+\.\d{6}$/;

export interface Connection {
  nodes: Tx[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

export const newUser = (): Promise<User> => signUpUser('ledger');

export async function grant(userId: string, amount: string, extra: { expiresAt?: string; reason?: string } = {}): Promise<Tx> {
  const res = await t.gql(
    GRANT,
    { input: { userId, amount, reason: extra.reason ?? 'test grant', idempotencyKey: randomUUID(), expiresAt: extra.expiresAt } },
    admin.token,
  );
  if (!res.data) throw new Error(`grant failed: ${JSON.stringify(res.errors)}`);
  return res.data.adminGrantCredits;
}

export async function deduct(userId: string, amount: string): Promise<Tx> {
  const res = await t.gql(DEDUCT, { input: { userId, amount, reason: 'test deduct', idempotencyKey: randomUUID() } }, admin.token);
  if (!res.data) throw new Error(`deduct failed: ${JSON.stringify(res.errors)}`);
  return res.data.adminDeductCredits;
}

export async function transactions(token: string, variables: Record<string, unknown> = {}): Promise<Connection> {
  const res = await t.gql(TRANSACTIONS, variables, token);
  if (!res.data) throw new Error(`creditTransactions failed: ${JSON.stringify(res.errors)}`);
  return res.data.creditTransactions;
}

/** Rows in the ledger tables of this file's database: what a refused request must leave as it was. */
export const ledgerRows = () =>
  withClient(t.databaseUrl, async (c) => {
    const { rows } = await c.query(
      `select (select count(*) from ledger_entry)::int as entries, (select count(*) from credit_grant)::int as grants,
              (select count(*) from credit_account)::int as accounts,
              (select coalesce(sum(balance), 0)::text from credit_account) as balances,
              (select coalesce(string_agg(low_balance_threshold::text, ',' order by id), '') from credit_account) as thresholds`,
    );
    return rows[0] as { entries: number; grants: number; accounts: number; balances: string; thresholds: string };
  });

/** The user's entry ids, newest first, straight from the table. */
export const entryIdsInDb = (userId: string) =>
  withClient(t.databaseUrl, async (c) =>
    (await c.query(`select e.id from ledger_entry e join credit_account a on a.id = e.account_id where a.user_id = $1 order by e.seq desc`, [userId])).rows.map(
      (r) => r.id as string,
    ),
  );

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const micro = (credits: string) => BigInt(credits.replace('.', ''));
