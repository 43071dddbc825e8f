import { describe, expect, it } from 'vitest';
import { credits, expectDomainError, grantOfEntry, rowCounts, userActor } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, hold, key, settle, spend } from './service-helpers.js';

useLedgerFixture();

describe('refunds', () => {
  it('refunds part of a spend, then the rest, then refuses any more', async () => {
    await grant(credits(10));
    const spent = await spend(credits(6));
    const part = await ledger.refund({
      userId: user,
      entryId: spent.entry.id,
      amount: credits(2),
      reason: 'bad answer',
      idempotencyKey: key(),
      actor: userActor(user),
    });
    expect(part.entry).toMatchObject({ type: 'refund', amount: credits(2), balanceAfter: credits(6) });
    const refundGrant = await grantOfEntry(h.sql, part.entry.id);
    expect(refundGrant).toMatchObject({ priority: 50, expiresAt: null, refundOf: spent.entry.id, remaining: credits(2) });

    const rest = await ledger.refund({ userId: user, entryId: spent.entry.id, reason: 'bad answer', idempotencyKey: key(), actor: userActor(user) });
    expect(rest.entry.amount).toBe(credits(4));
    const before = await rowCounts(h.sql);
    await expectDomainError(
      ledger.refund({ userId: user, entryId: spent.entry.id, amount: 1n, reason: 'again', idempotencyKey: key(), actor: userActor(user) }),
      'BAD_USER_INPUT',
    );
    await expectDomainError(
      ledger.refund({ userId: user, entryId: spent.entry.id, reason: 'again', idempotencyKey: key(), actor: userActor(user) }),
      'BAD_USER_INPUT',
    );
    expect(await rowCounts(h.sql)).toEqual(before);
    expect((await balanceOf()).balance).toBe(credits(10));
    await expectAuditClean();
  });

  it('refuses to refund more than was spent in one go', async () => {
    await grant(credits(10));
    const spent = await spend(credits(3));
    await expectDomainError(
      ledger.refund({ userId: user, entryId: spent.entry.id, amount: credits(3) + 1n, reason: 'x', idempotencyKey: key(), actor: userActor(user) }),
      'BAD_USER_INPUT',
    );
    expect((await balanceOf()).balance).toBe(credits(7));
  });

  it('refunds a settled hold (it is a spend)', async () => {
    await grant(credits(10));
    const { hold: held } = await hold(credits(5));
    const settled = await settle(held.id, credits(4));
    const refund = await ledger.refund({ userId: user, entryId: settled.entry!.id, reason: 'provider error', idempotencyKey: key(), actor: userActor(user) });
    expect(refund.entry.amount).toBe(credits(4));
    expect((await balanceOf()).balance).toBe(credits(10));
  });

  it('refuses to refund a grant', async () => {
    const g = await grant(credits(10));
    const before = await rowCounts(h.sql);
    await expectDomainError(ledger.refund({ userId: user, entryId: g.entry.id, reason: 'x', idempotencyKey: key(), actor: userActor(user) }), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
  });

  it("refund of another account's entry is not found", async () => {
    await grant(credits(10));
    const spent = await spend(credits(3));
    const other = await h.createUser();
    await ledger.grant({ userId: other, source: 'purchase', amount: credits(1), idempotencyKey: key(), actor: userActor(other) });
    const before = await rowCounts(h.sql);
    await expectDomainError(
      ledger.refund({ userId: other, entryId: spent.entry.id, reason: 'x', idempotencyKey: key(), actor: userActor(other) }),
      'NOT_FOUND',
    );
    expect(await rowCounts(h.sql)).toEqual(before);
    expect((await balanceOf(other)).balance).toBe(credits(1));
  });

  it('a retried refund with the same key refunds once', async () => {
    await grant(credits(10));
    const spent = await spend(credits(3));
    const cmd = { userId: user, entryId: spent.entry.id, amount: credits(1), reason: 'x', idempotencyKey: key(), actor: userActor(user) };
    const first = await ledger.refund(cmd);
    const again = await ledger.refund(cmd);
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id } });
    expect((await balanceOf()).balance).toBe(credits(8));
  });
});
