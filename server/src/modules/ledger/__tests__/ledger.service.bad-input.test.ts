import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MICRO } from '../ledger.domain.js';
import { credits, expectDomainError, rowCounts, userActor } from './ledger-harness.js';
import { h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, hold, key, settle, spend } from './service-helpers.js';

useLedgerFixture();

describe('bad input writes nothing', () => {
  const badAmounts: Array<[string, bigint]> = [
    ['zero', 0n],
    ['negative', -1n],
    ['above the per-request cap', MAX_AMOUNT_MICRO + 1n],
  ];

  it.each(badAmounts)('refuses an amount that is %s on grant, spend, hold and refund', async (_label, amount) => {
    await grant(credits(10));
    const spent = await spend(credits(1));
    const { hold: held } = await hold(credits(1));
    const before = await rowCounts(h.sql);
    const actor = userActor(user);
    await expectDomainError(ledger.grant({ userId: user, source: 'purchase', amount, idempotencyKey: key(), actor }), 'BAD_USER_INPUT');
    await expectDomainError(ledger.spend({ userId: user, amount, idempotencyKey: key(), actor, description: 'x' }), 'BAD_USER_INPUT');
    await expectDomainError(ledger.hold({ userId: user, amount, idempotencyKey: key() }), 'BAD_USER_INPUT');
    await expectDomainError(ledger.refund({ userId: user, entryId: spent.entry.id, amount, reason: 'x', idempotencyKey: key(), actor }), 'BAD_USER_INPUT');
    if (amount < 0n) await expectDomainError(settle(held.id, amount), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(9), held: credits(1), available: credits(8) });
  });

  it('accepts exactly the per-request cap', async () => {
    const g = await ledger.grant({ userId: user, source: 'admin', amount: MAX_AMOUNT_MICRO, idempotencyKey: key(), actor: userActor(user) });
    expect(g.entry.amount).toBe(MAX_AMOUNT_MICRO);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['longer than 200 characters', 'k'.repeat(201)],
  ])('refuses an idempotency key that is %s', async (_label, badKey) => {
    await grant(credits(10));
    const before = await rowCounts(h.sql);
    const actor = userActor(user);
    await expectDomainError(ledger.grant({ userId: user, source: 'purchase', amount: 1n, idempotencyKey: badKey, actor }), 'BAD_USER_INPUT');
    await expectDomainError(ledger.spend({ userId: user, amount: 1n, idempotencyKey: badKey, actor, description: 'x' }), 'BAD_USER_INPUT');
    await expectDomainError(ledger.hold({ userId: user, amount: 1n, idempotencyKey: badKey }), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
  });

  it('refuses a grant that has already expired', async () => {
    const before = await rowCounts(h.sql);
    await expectDomainError(grant(credits(1), { expiresAt: h.clock.now() }), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
  });

  it('an unknown user is not found, and no account is opened for it', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const before = await rowCounts(h.sql);
    await expectDomainError(ledger.grant({ userId: ghost, source: 'purchase', amount: 1n, idempotencyKey: key(), actor: userActor(ghost) }), 'NOT_FOUND');
    await expectDomainError(ledger.spend({ userId: ghost, amount: 1n, idempotencyKey: key(), actor: userActor(ghost), description: 'x' }), 'NOT_FOUND');
    await expectDomainError(ledger.hold({ userId: ghost, amount: 1n, idempotencyKey: key() }), 'NOT_FOUND');
    await expectDomainError(ledger.balance(ghost), 'NOT_FOUND');
    await expectDomainError(ledger.balance('not-a-uuid'), 'NOT_FOUND');
    await expectDomainError(ledger.spend({ userId: 'not-a-uuid', amount: 1n, idempotencyKey: key(), actor: userActor(user), description: 'x' }), 'NOT_FOUND');
    expect(await rowCounts(h.sql)).toEqual(before);
  });
});
