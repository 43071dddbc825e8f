import { describe, expect, it } from 'vitest';
import { SECOND, credits, entriesOf, expectDomainError, rowCounts, userActor } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, key, settle, spend } from './service-helpers.js';

useLedgerFixture();

/**
 * A completion hold whose process stalled past its lease lapses (`expired`) while the call still
 * runs. Its settle then charges from the available balance when that covers the cost, or refuses
 * with INSUFFICIENT_CREDITS and moves nothing; a hold a failure gave back (`released`) is never
 * settled (docs/decisions/0012, "A hold that lapsed under a live call").
 */

const leased = (amount: bigint) => ledger.hold({ userId: user, amount, idempotencyKey: key('lease'), ttlSeconds: 30 });
const statusOf = async (holdId: string) => (await h.sql.query(`select status, settled_amount, entry_id from credit_hold where id = $1`, [holdId]))[0]!;

/** Past the lease, and swept by another replica's holds sweep. */
async function lapseAndSweep(): Promise<void> {
  h.clock.advance(31 * SECOND);
  expect((await ledger.sweep(200, { holdsOnly: true })).holds).toBeGreaterThan(0);
}

describe('settling a hold that lapsed while its call ran', () => {
  it('charges the actual cost once, as a usage entry, when the available balance covers it; a second settle replays', async () => {
    await grant(credits(10));
    const { hold: held } = await leased(credits(4));
    await lapseAndSweep();
    expect((await statusOf(held.id)).status).toBe('expired');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    const published = h.events.changedFor(user).length;

    const settled = await settle(held.id, credits(3));
    expect(settled).toMatchObject({ replayed: false, lapsed: true, hold: { status: 'settled', settledAmount: credits(3), entryId: settled.entry!.id } });
    expect(settled.entry).toMatchObject({ type: 'usage', amount: -credits(3), balanceAfter: credits(7) });
    expect(settled.balance).toMatchObject({ balance: credits(7), held: 0n, available: credits(7) });
    expect(await balanceOf()).toEqual({ balance: credits(7), held: 0n, available: credits(7) });
    expect(h.events.changedFor(user).length).toBe(published + 1);

    const again = await settle(held.id, credits(3));
    expect(again).toMatchObject({ replayed: true, entry: { id: settled.entry!.id } });
    await expectDomainError(settle(held.id, credits(2)), 'IDEMPOTENCY_CONFLICT');
    expect(await balanceOf()).toEqual({ balance: credits(7), held: 0n, available: credits(7) });
    expect((await entriesOf(h.sql, user, 'usage')).map((e) => e.amount)).toEqual([-credits(3)]);
    // A renewal arriving late never revives it.
    expect(await ledger.renewHolds([held.id], 30)).toEqual([]);
    await expectAuditClean();
  });

  it('charges a lapsed hold no sweep has reached yet: the settle lapses it itself, then charges', async () => {
    await grant(credits(10));
    const { hold: held } = await leased(credits(4));
    h.clock.advance(31 * SECOND);
    const settled = await settle(held.id, credits(4));
    expect(settled).toMatchObject({ lapsed: true, hold: { status: 'settled', settledAmount: credits(4) } });
    expect(await balanceOf()).toEqual({ balance: credits(6), held: 0n, available: credits(6) });
    expect(await ledger.sweep(200, { holdsOnly: true })).toEqual({ accounts: 0, grants: 0, holds: 0 });
    await expectAuditClean();
  });

  it('charges only what other holds leave available, so held never exceeds the balance', async () => {
    await grant(credits(10));
    const { hold: lapsed } = await leased(credits(6));
    await lapseAndSweep();
    const { hold: live } = await ledger.hold({ userId: user, amount: credits(7), idempotencyKey: key('live'), ttlSeconds: 3600 });
    await expectDomainError(settle(lapsed.id, credits(3) + 1n), 'INSUFFICIENT_CREDITS');
    await settle(lapsed.id, credits(3));
    expect(await balanceOf()).toEqual({ balance: credits(7), held: credits(7), available: 0n });
    await settle(live.id, credits(7));
    expect(await balanceOf()).toEqual({ balance: 0n, held: 0n, available: 0n });
    await expectAuditClean();
  });
});

describe('a lapsed hold whose cost the available balance no longer covers', () => {
  it('is refused with INSUFFICIENT_CREDITS and nothing moves: no partial charge, the hold stays lapsed', async () => {
    await grant(credits(10));
    const { hold: held } = await leased(credits(4));
    await lapseAndSweep();
    await spend(credits(8)); // the credit the lapse freed went elsewhere
    const before = await rowCounts(h.sql);
    const published = h.events.changedFor(user).length;

    await expectDomainError(settle(held.id, credits(3)), 'INSUFFICIENT_CREDITS');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(2), held: 0n, available: credits(2) });
    expect(await statusOf(held.id)).toEqual({ status: 'expired', settled_amount: null, entry_id: null });
    expect(h.events.changedFor(user).length).toBe(published);
    expect((await entriesOf(h.sql, user, 'usage')).map((e) => e.amount)).toEqual([-credits(8)]);
    await expectAuditClean();
  });

  it('rolls back with its caller: a `within` that fails leaves the hold lapsed and charges nothing', async () => {
    await grant(credits(10));
    const { hold: held } = await leased(credits(4));
    await lapseAndSweep();
    const before = await rowCounts(h.sql);
    const failing = ledger.settle({
      userId: user,
      holdId: held.id,
      amount: credits(1),
      actor: userActor(user),
      description: 'completion',
      within: async () => {
        throw new Error('usage event refused');
      },
    });
    await expect(failing).rejects.toThrow('usage event refused');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect((await statusOf(held.id)).status).toBe('expired');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
  });
});

describe('a hold a failure gave back', () => {
  it('is never settled, whether it was released while active or after it lapsed', async () => {
    await grant(credits(10));
    const { hold: active } = await leased(credits(1));
    const { hold: lapsed } = await leased(credits(2));
    await ledger.release(user, active.id);
    await lapseAndSweep();

    const recorded: string[] = [];
    const released = await ledger.release(user, lapsed.id, async () => void recorded.push('failure event'));
    expect(released.status).toBe('released');
    expect((await ledger.release(user, lapsed.id, async () => void recorded.push('again'))).status).toBe('released');
    expect(recorded).toEqual(['failure event']); // the caller's record is written once

    const before = await rowCounts(h.sql);
    await expectDomainError(settle(active.id, credits(1)), 'BAD_USER_INPUT');
    await expectDomainError(settle(lapsed.id, credits(1)), 'BAD_USER_INPUT');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    expect([(await statusOf(active.id)).status, (await statusOf(lapsed.id)).status]).toEqual(['released', 'released']);
    await expectAuditClean();
  });
});
