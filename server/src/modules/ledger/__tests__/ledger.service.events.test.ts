import { describe, expect, it } from 'vitest';
import { HOUR, credits, entriesOf, expectDomainError, userActor } from './ledger-harness.js';
import { h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, hold, settle, spend } from './service-helpers.js';

useLedgerFixture();

describe('low-balance alert', () => {
  const alertRows = async () =>
    (
      await h.sql.query(`select l.balance from low_balance_alert l join credit_account a on a.id = l.account_id where a.user_id = $1 order by l.created_at`, [
        user,
      ])
    ).map((r) => BigInt(r.balance));

  it('alerts once per fall below the threshold, and again after a grant lifts the balance back above it', async () => {
    await ledger.setLowBalanceThreshold(user, credits(5));
    await grant(credits(20));
    await spend(credits(10));
    expect(h.events.lowFor(user)).toEqual([]);

    await spend(credits(6)); // 4 left: below 5
    expect(h.events.lowFor(user).map((b) => b.balance)).toEqual([credits(4)]);
    await spend(credits(1));
    await spend(credits(1));
    await hold(credits(1));
    expect(h.events.lowFor(user).length).toBe(1);
    expect(await alertRows()).toEqual([credits(4)]);

    await grant(credits(10)); // 12: re-armed, no alert for going up
    expect(h.events.lowFor(user).length).toBe(1);
    await spend(credits(8)); // 4 again
    expect(h.events.lowFor(user).map((b) => b.balance)).toEqual([credits(4), credits(4)]);
    expect(await alertRows()).toEqual([credits(4), credits(4)]);
  });

  it('keeps the threshold a user sets, and alerts against it', async () => {
    await grant(credits(10));
    const set = await ledger.setLowBalanceThreshold(user, credits(8));
    expect(set.lowBalanceThreshold).toBe(credits(8));
    expect((await ledger.balance(user)).lowBalanceThreshold).toBe(credits(8));
    await spend(credits(1)); // 9: still above
    expect(h.events.lowFor(user)).toEqual([]);
    await spend(credits(2)); // 7: below 8
    expect(h.events.lowFor(user).map((b) => [b.balance, b.lowBalanceThreshold])).toEqual([[credits(7), credits(8)]]);
    expect(await alertRows()).toEqual([credits(7)]);
  });

  it('a grant that leaves a balance still below the threshold is no crossing', async () => {
    await grant(credits(1)); // 0 → 1 with the default threshold of 5
    await grant(credits(1));
    expect(h.events.lowFor(user)).toEqual([]);
    expect(await alertRows()).toEqual([]);
  });

  it('an expiry that takes the balance below the threshold alerts too', async () => {
    await ledger.setLowBalanceThreshold(user, credits(5));
    await grant(credits(10), { expiresAt: h.clock.in(HOUR) });
    await grant(credits(3));
    h.clock.advance(HOUR);
    await ledger.sweep();
    expect(h.events.lowFor(user).map((b) => b.balance)).toEqual([credits(3)]);
    expect(await alertRows()).toEqual([credits(3)]);
  });
});

describe('balanceChanged', () => {
  it('fires once per committed change, with the balance after it', async () => {
    await grant(credits(10));
    await spend(credits(1));
    const { hold: a } = await hold(credits(2));
    const { hold: b } = await hold(credits(3));
    await settle(a.id, credits(1));
    await ledger.release(user, b.id);
    expect(h.events.changedFor(user).map((e) => [e.balance, e.held])).toEqual([
      [credits(10), 0n],
      [credits(9), 0n],
      [credits(9), credits(2)],
      [credits(9), credits(5)],
      [credits(8), credits(3)],
      [credits(8), 0n],
    ]);
  });

  it('never fires for a refused or replayed operation', async () => {
    await grant(credits(3));
    const cmd = { userId: user, amount: credits(1), idempotencyKey: 'once', actor: userActor(user), description: 'x' };
    await ledger.spend(cmd);
    const { hold: held } = await hold(credits(1));
    await ledger.release(user, held.id);
    h.events.clear();

    await expectDomainError(spend(credits(5)), 'INSUFFICIENT_CREDITS');
    await expectDomainError(hold(credits(5)), 'INSUFFICIENT_CREDITS');
    await expectDomainError(settle(held.id, 0n), 'BAD_USER_INPUT');
    await expectDomainError(ledger.spend({ ...cmd, amount: credits(2) }), 'IDEMPOTENCY_CONFLICT');
    await ledger.spend(cmd);
    await ledger.release(user, held.id);
    await ledger.balance(user);
    expect(h.events.changed).toEqual([]);
    expect(h.events.low).toEqual([]);
  });

  it('a sweep that can expire nothing, because holds need all the credit, publishes nothing', async () => {
    await grant(credits(10), { expiresAt: h.clock.in(HOUR) });
    await hold(credits(10), 24 * 3600);
    h.clock.advance(HOUR);
    h.events.clear();
    await ledger.sweep();
    await ledger.sweep();
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(10), available: 0n });
    expect(h.events.changed).toEqual([]);
  });

  it('fires for an expiry, whether the sweeper or the next operation finds it', async () => {
    await grant(credits(3), { expiresAt: h.clock.in(HOUR) });
    await grant(credits(2));
    h.clock.advance(HOUR);
    h.events.clear();
    await ledger.sweep();
    expect(h.events.changedFor(user).map((e) => e.balance)).toEqual([credits(2)]);

    await grant(credits(4), { expiresAt: h.clock.in(HOUR) });
    h.clock.advance(HOUR);
    h.events.clear();
    await spend(credits(1)); // one transaction, one event: the expiry and the spend together
    expect(h.events.changedFor(user).map((e) => e.balance)).toEqual([credits(1)]);
    expect((await entriesOf(h.sql, user, 'expiry')).map((e) => e.amount)).toEqual([-credits(3), -credits(4)]);
  });
});
