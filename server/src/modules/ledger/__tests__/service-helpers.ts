/** Shorthand calls on the fixture's service, for the current user, that the LedgerService test files share. */
import { ledger, user } from './ledger-fixture.js';
import { userActor } from './ledger-harness.js';

let keyN = 0;
/** A fresh idempotency key. */
export const key = (label = 'k') => `${label}-${++keyN}`;

export const grant = (
  amount: bigint,
  opts: { source?: 'signup' | 'purchase' | 'subscription' | 'coupon' | 'admin'; expiresAt?: Date | null; priority?: number; userId?: string } = {},
) =>
  ledger.grant({
    userId: opts.userId ?? user,
    source: opts.source ?? 'purchase',
    amount,
    idempotencyKey: key('grant'),
    actor: userActor(user),
    expiresAt: opts.expiresAt ?? null,
    priority: opts.priority ?? null,
  });

export const spend = (amount: bigint, userId = user) =>
  ledger.spend({ userId, amount, idempotencyKey: key('spend'), actor: userActor(userId), description: 'completion' });

export const hold = (amount: bigint, ttlSeconds = 3600) => ledger.hold({ userId: user, amount, idempotencyKey: key('hold'), ttlSeconds });

export const settle = (holdId: string, amount: bigint) => ledger.settle({ userId: user, holdId, amount, actor: userActor(user), description: 'completion' });

export const balanceOf = async (userId = user) => {
  const b = await ledger.balance(userId);
  return { balance: b.balance, held: b.held, available: b.available };
};
