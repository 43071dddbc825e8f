/** What the subscription suites share: the operations, and reading a user's tier and subscription credit. */
import { formatCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { ok } from '../../gateway/__tests__/support.js';

export const SUB_FIELDS = 'tier { code } status currentPeriodStart currentPeriodEnd cancelAtPeriodEnd pendingTier { code } testMode';
export const SUBSCRIPTION = `{ subscription { ${SUB_FIELDS} } }`;
export const SUBSCRIBE = `mutation($i: SubscribeInput!) { subscribe(input: $i) { id url } }`;
export const CHANGE = `mutation($t: String!) { changeSubscription(tierCode: $t) { ${SUB_FIELDS} } }`;
export const CANCEL = `mutation { cancelSubscription { ${SUB_FIELDS} } }`;
export const RESUME = `mutation { resumeSubscription { ${SUB_FIELDS} } }`;
export const PORTAL = `mutation { billingPortal { id url } }`;

export const CREDIT = 1_000_000n;

export async function subscription(t: TestApp, token: string) {
  return ok(await t.gql(SUBSCRIPTION, {}, token), 'subscription');
}

export async function subscribe(t: TestApp, token: string, tierCode: string): Promise<{ id: string; url: string }> {
  return ok(await t.gql(SUBSCRIBE, { i: { tierCode } }, token), 'subscribe');
}

export async function tierOf(t: TestApp, token: string): Promise<string> {
  return ok(await t.gql('{ me { tier { code } } }', {}, token), 'me').tier.code;
}

/** The user's entries of some types, oldest first, as the API shows them. */
export async function entries(t: TestApp, token: string, types: string[]): Promise<Array<{ amount: string; type: string; reference: string | null }>> {
  const res = await t.gql(
    `query($types: [TransactionType!]) { creditTransactions(first: 100, types: $types) { nodes { amount type reference } } }`,
    { types },
    token,
  );
  return [...ok(res, 'creditTransactions').nodes].reverse();
}

/** Spends credit as an admin deduction (a stand-in for usage: it burns grants in the same order). */
export async function spend(t: TestApp, admin: string, userId: string, micro: bigint, key: string): Promise<void> {
  const input = { userId, amount: formatCredits(micro), reason: 'subscription test usage', idempotencyKey: key };
  ok(await t.gql(`mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }`, { i: input }, admin), 'adminDeductCredits');
}

export async function subscriptionRows(t: TestApp): Promise<number> {
  return Number((await t.app.sql.query(`select count(*)::int as n from subscription`))[0]!.n);
}
