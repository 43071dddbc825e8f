/** What the auto-recharge suites share: the GraphQL operations, spending, and reading the user's auto-recharge payments. */
import { randomUUID } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { ok } from '../../gateway/__tests__/support.js';
import { SYSTEM } from '../../ledger/index.js';
import { payments } from './billing-support.js';

export const SET = `mutation($i: AutoRechargeInput!) { setAutoRecharge(input: $i) {
  enabled belowCredits packageCode monthlyLimitUsd spentThisMonthUsd armed lastChargeAt lastError disabledReason } }`;
export const GET = `{ autoRecharge { enabled belowCredits packageCode monthlyLimitUsd spentThisMonthUsd armed lastChargeAt lastError disabledReason } }`;

export interface Settings {
  enabled: boolean;
  belowCredits: string;
  packageCode: string;
  monthlyLimitUsd: string;
}

export async function setAutoRecharge(t: TestApp, token: string, input: Settings) {
  return ok(await t.gql(SET, { i: input }, token), 'setAutoRecharge');
}

export async function autoRecharge(t: TestApp, token: string) {
  return (await t.gql(GET, {}, token)).data?.autoRecharge ?? null;
}

/** `count` spends of `each` micro-credits at once, then waits until every balance event they caused has been handled. */
export async function spendConcurrently(t: TestApp, userId: string, count: number, each: bigint): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      t.app.services.ledger.spend({ userId, amount: each, idempotencyKey: randomUUID(), actor: SYSTEM, description: 'auto-recharge test spend' }),
    ),
  );
  await t.app.billing.autoRecharge.idle();
}

export async function autoRechargePayments(t: TestApp, token: string) {
  return (await payments(t, token)).nodes.filter((p: { kind: string }) => p.kind === 'AUTO_RECHARGE');
}

export const credits = (n: number) => formatCredits(BigInt(n) * 1_000_000n);
