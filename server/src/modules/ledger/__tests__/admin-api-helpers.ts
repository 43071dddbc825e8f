/** Operations and checks the admin ledger API test files share (on top of api-helpers.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { errorCode, type GqlResult } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { admin, newUser as signUpUser, t, type Tx, type User } from './api-helpers.js';

const TX_FIELDS = 'id type amount balanceAfter description reference actorType createdAt';
export const GRANT = `mutation Grant($input: AdminCreditInput!) { adminGrantCredits(input: $input) { ${TX_FIELDS} } }`;
export const DEDUCT = `mutation Deduct($input: AdminCreditInput!) { adminDeductCredits(input: $input) { ${TX_FIELDS} } }`;
export const REFUND = `mutation Refund($input: AdminRefundInput!) { adminRefundCredits(input: $input) { ${TX_FIELDS} } }`;
export const ACCOUNTS = `query Accounts($search: String, $first: Int, $after: String) {
  adminAccounts(search: $search, first: $first, after: $after) {
    nodes { user { id email role } balance held available lowBalanceThreshold }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;
export const AUDIT = '{ ledgerAudit { accountsChecked violations } }';
const BALANCE = '{ creditBalance { balance held available } }';

export const newUser = (tag = 'admin-ledger'): Promise<User> => signUpUser(tag);

export const input = (userId: string, amount: unknown, extra: Record<string, unknown> = {}) => ({
  userId,
  amount,
  reason: 'support ticket 42',
  idempotencyKey: randomUUID(),
  ...extra,
});

export async function ok<T = Tx>(res: Promise<GqlResult>, field: string): Promise<T> {
  const result = await res;
  if (!result.data) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
  return result.data[field] as T;
}
export const grant = (userId: string, amount: string, extra: Record<string, unknown> = {}) =>
  ok(t.gql(GRANT, { input: input(userId, amount, extra) }, admin.token), 'adminGrantCredits');
export const deduct = (userId: string, amount: string, extra: Record<string, unknown> = {}) =>
  ok(t.gql(DEDUCT, { input: input(userId, amount, extra) }, admin.token), 'adminDeductCredits');
export const balanceOf = async (user: User) => (await t.gql(BALANCE, {}, user.token)).data!.creditBalance.balance as string;

/** Everything a money-moving request could write: a refused one must leave all of it as it was. */
export const ledgerRows = () =>
  withClient(t.databaseUrl, async (c) => {
    const { rows } = await c.query(
      `select (select count(*) from ledger_entry)::int as entries, (select count(*) from credit_grant)::int as grants,
              (select count(*) from ledger_entry_grant)::int as draws, (select count(*) from credit_account)::int as accounts,
              (select coalesce(sum(balance), 0)::text from credit_account) as balances,
              (select coalesce(sum(remaining), 0)::text from credit_grant) as remaining`,
    );
    return rows[0] as Record<string, unknown>;
  });

export async function expectRefused(request: () => Promise<GqlResult>, code: string): Promise<GqlResult> {
  const before = await ledgerRows();
  const res = await request();
  expect(errorCode(res), JSON.stringify(res.errors)).toBe(code);
  expect(res.data).toBeNull();
  expect(await ledgerRows()).toEqual(before);
  return res;
}
