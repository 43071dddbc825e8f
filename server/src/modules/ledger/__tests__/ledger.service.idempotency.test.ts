import { describe, expect, it } from 'vitest';
import { HOUR, credits, entriesOf, expectDomainError, userActor } from './ledger-harness.js';
import { h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant } from './service-helpers.js';

useLedgerFixture();

describe('idempotency', () => {
  it('a retried spend with the same key returns the first entry and moves nothing', async () => {
    await grant(credits(10));
    const cmd = { userId: user, amount: credits(4), idempotencyKey: 'charge-1', actor: userActor(user), description: 'completion' };
    const first = await ledger.spend(cmd);
    h.events.clear();
    const again = await ledger.spend(cmd);
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id, amount: -credits(4) } });
    expect(first.replayed).toBe(false);
    expect((await balanceOf()).balance).toBe(credits(6));
    expect(h.events.changed).toEqual([]);
  });

  it('a retried spend returns its first result even when the balance could no longer cover it', async () => {
    await grant(credits(4));
    const cmd = { userId: user, amount: credits(4), idempotencyKey: 'charge-2', actor: userActor(user), description: 'completion' };
    const first = await ledger.spend(cmd);
    expect((await ledger.spend(cmd)).entry.id).toBe(first.entry.id);
  });

  it('reusing a key for a different request is a conflict, across operations too', async () => {
    const g = await ledger.grant({ userId: user, source: 'purchase', amount: credits(10), idempotencyKey: 'same', actor: userActor(user) });
    await expectDomainError(
      ledger.grant({ userId: user, source: 'purchase', amount: credits(11), idempotencyKey: 'same', actor: userActor(user) }),
      'IDEMPOTENCY_CONFLICT',
    );
    await expectDomainError(
      ledger.spend({ userId: user, amount: credits(1), idempotencyKey: 'same', actor: userActor(user), description: 'x' }),
      'IDEMPOTENCY_CONFLICT',
    );
    const replay = await ledger.grant({ userId: user, source: 'purchase', amount: credits(10), idempotencyKey: 'same', actor: userActor(user) });
    expect(replay).toMatchObject({ replayed: true, entry: { id: g.entry.id } });
    expect((await balanceOf()).balance).toBe(credits(10));
  });

  it('a retried grant returns its first result even after the grant has expired', async () => {
    const cmd = {
      userId: user,
      source: 'coupon' as const,
      amount: credits(2),
      idempotencyKey: 'coupon-1',
      actor: userActor(user),
      expiresAt: h.clock.in(HOUR),
    };
    const first = await ledger.grant(cmd);
    h.clock.advance(HOUR);
    const again = await ledger.grant(cmd);
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id } });
    expect((await entriesOf(h.sql, user, 'coupon')).length).toBe(1);
    expect((await balanceOf()).balance).toBe(0n);
  });

  it('keys are scoped to the account: two users may use the same key', async () => {
    const other = await h.createUser();
    await ledger.grant({ userId: user, source: 'purchase', amount: credits(1), idempotencyKey: 'shared', actor: userActor(user) });
    const theirs = await ledger.grant({ userId: other, source: 'purchase', amount: credits(1), idempotencyKey: 'shared', actor: userActor(other) });
    expect(theirs.replayed).toBe(false);
    expect((await balanceOf(other)).balance).toBe(credits(1));
  });

  it('a key whose request was refused is free to be used again', async () => {
    const cmd = { userId: user, amount: credits(2), idempotencyKey: 'after-topup', actor: userActor(user), description: 'x' };
    await expectDomainError(ledger.spend(cmd), 'INSUFFICIENT_CREDITS');
    await grant(credits(2));
    expect((await ledger.spend(cmd)).replayed).toBe(false);
    expect((await balanceOf()).balance).toBe(0n);
  });
});
