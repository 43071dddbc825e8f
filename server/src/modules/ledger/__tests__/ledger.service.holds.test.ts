import { describe, expect, it } from 'vitest';
import { MINUTE, credits, entriesOf, expectDomainError, rowCounts, userActor } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, hold, settle, spend } from './service-helpers.js';

useLedgerFixture();

describe('holds', () => {
  it('refuses a hold larger than the available balance, counting credit already held', async () => {
    await grant(credits(10));
    await hold(credits(6));
    const before = await rowCounts(h.sql);
    await expectDomainError(hold(credits(4) + 1n), 'INSUFFICIENT_CREDITS');
    await expectDomainError(spend(credits(4) + 1n), 'INSUFFICIENT_CREDITS');
    expect(await rowCounts(h.sql)).toEqual(before);
    await hold(credits(4));
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(10), available: 0n });
  });

  it('refuses to settle more than was held and writes nothing', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(4));
    const before = await rowCounts(h.sql);
    await expectDomainError(settle(held.id, credits(4) + 1n), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(4), available: credits(6) });
    const [row] = await h.sql.query(`select status from credit_hold where id = $1`, [held.id]);
    expect(row!.status).toBe('active');
  });

  it('settling charges the actual cost and releases the rest of the hold', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(4));
    const settled = await settle(held.id, credits(3));
    expect(settled.hold).toMatchObject({ status: 'settled', settledAmount: credits(3), entryId: settled.entry!.id });
    expect(settled.entry).toMatchObject({ type: 'usage', amount: -credits(3), balanceAfter: credits(7) });
    expect(await balanceOf()).toEqual({ balance: credits(7), held: 0n, available: credits(7) });
    await expectAuditClean();
  });

  it('settling for zero charges nothing and frees the hold', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(4));
    const before = await rowCounts(h.sql);
    const settled = await settle(held.id, 0n);
    expect(settled.entry).toBeNull();
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
  });

  it('settling the same hold again with the same amount returns the first charge; another amount is a conflict', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(4));
    const first = await settle(held.id, credits(2));
    const again = await settle(held.id, credits(2));
    expect(again.replayed).toBe(true);
    expect(again.entry!.id).toBe(first.entry!.id);
    await expectDomainError(settle(held.id, credits(3)), 'IDEMPOTENCY_CONFLICT');
    expect(await balanceOf()).toEqual({ balance: credits(8), held: 0n, available: credits(8) });
    expect((await entriesOf(h.sql, user, 'usage')).length).toBe(1);
  });

  it('releasing gives the whole hold back, and releasing again is harmless', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(7));
    expect((await balanceOf()).available).toBe(credits(3));
    expect((await ledger.release(user, held.id)).status).toBe('released');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    expect((await ledger.release(user, held.id)).status).toBe('released');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    expect((await entriesOf(h.sql, user)).length).toBe(1);
  });

  it('a released hold can no longer be settled, and a settled one can no longer be released', async () => {
    await grant(credits(10));
    const { hold: a } = await hold(credits(1));
    const { hold: b } = await hold(credits(1));
    await ledger.release(user, a.id);
    await expectDomainError(settle(a.id, credits(1)), 'BAD_USER_INPUT');
    await settle(b.id, credits(1));
    await expectDomainError(ledger.release(user, b.id), 'BAD_USER_INPUT');
    expect(await balanceOf()).toEqual({ balance: credits(9), held: 0n, available: credits(9) });
  });

  it('a lapsed hold is released by the sweeper', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(6), 60);
    h.clock.advance(59_999);
    expect((await ledger.sweep()).holds).toBe(0);
    expect((await balanceOf()).held).toBe(credits(6));
    h.clock.advance(1);
    expect(await ledger.sweep()).toEqual({ accounts: 1, grants: 0, holds: 1 });
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    const [row] = await h.sql.query(`select status, closed_at from credit_hold where id = $1`, [held.id]);
    expect(row!.status).toBe('expired');
    await expectAuditClean();
  });

  it("another account's hold is not found", async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(1));
    const other = await h.createUser();
    await expectDomainError(ledger.settle({ userId: other, holdId: held.id, amount: 0n, actor: userActor(other), description: 'x' }), 'NOT_FOUND');
    await expectDomainError(ledger.release(other, held.id), 'NOT_FOUND');
    expect((await balanceOf()).held).toBe(credits(1));
  });

  it('a retried hold with the same key returns the first hold and holds nothing more', async () => {
    await grant(credits(10));
    const first = await ledger.hold({ userId: user, amount: credits(3), idempotencyKey: 'req-1', ttlSeconds: 60 });
    const again = await ledger.hold({ userId: user, amount: credits(3), idempotencyKey: 'req-1', ttlSeconds: 60 });
    expect(again).toMatchObject({ replayed: true, hold: { id: first.hold.id } });
    await expectDomainError(ledger.hold({ userId: user, amount: credits(4), idempotencyKey: 'req-1', ttlSeconds: 60 }), 'IDEMPOTENCY_CONFLICT');
    expect((await balanceOf()).held).toBe(credits(3));
  });
});

describe('holds that lapse', () => {
  it('treats releasing a lapsed hold as harmless: it is already given back', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(4), 60);
    h.clock.advance(2 * MINUTE);
    const released = await ledger.release(user, held.id);
    // Given back by a failure: marked released, so it can no longer be settled (docs/decisions/0012).
    expect(released.status).toBe('released');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
  });

  it('settles even when a caller already used the key "settle:<holdId>" for a spend', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(2));
    await ledger.spend({ userId: user, amount: 1n, idempotencyKey: `settle:${held.id}`, type: 'admin_deduct', actor: userActor(user), description: 'x' });
    const settled = await settle(held.id, credits(1));
    expect(settled.hold.status).toBe('settled');
    expect(await balanceOf()).toEqual({ balance: credits(9) - 1n, held: 0n, available: credits(9) - 1n });
  });
});
