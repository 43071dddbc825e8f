import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, credits, drawsOf, entriesOf, expectDomainError, grantOfEntry, rowCounts } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, hold, settle, spend } from './service-helpers.js';

useLedgerFixture();

describe('burn-down order', () => {
  it('spends the sooner-expiring grant first when priorities are equal', async () => {
    const later = await grant(credits(10), { expiresAt: h.clock.in(10 * DAY) });
    h.clock.advance(1);
    const sooner = await grant(credits(10), { expiresAt: h.clock.in(2 * DAY) });
    const spent = await spend(credits(3));
    expect(await drawsOf(h.sql, spent.entry.id)).toEqual({ [(await grantOfEntry(h.sql, sooner.entry.id)).id]: credits(3) });
    expect((await grantOfEntry(h.sql, later.entry.id)).remaining).toBe(credits(10));
  });

  it('spends promotional (signup) credit before purchased credit that expires at the same moment', async () => {
    const expiresAt = h.clock.in(30 * DAY);
    const purchased = await grant(credits(10), { source: 'purchase', expiresAt });
    h.clock.advance(1);
    const signup = await grant(credits(2), { source: 'signup', expiresAt });
    expect((await grantOfEntry(h.sql, signup.entry.id)).priority).toBe(10);
    expect((await grantOfEntry(h.sql, purchased.entry.id)).priority).toBe(60);

    const spent = await spend(credits(5));
    expect(await drawsOf(h.sql, spent.entry.id)).toEqual({
      [(await grantOfEntry(h.sql, signup.entry.id)).id]: credits(2),
      [(await grantOfEntry(h.sql, purchased.entry.id)).id]: credits(3),
    });
  });

  it('spends a never-expiring grant last among grants of equal priority, even when it is older', async () => {
    const forever = await grant(credits(5), { expiresAt: null });
    h.clock.advance(1);
    const expiring = await grant(credits(5), { expiresAt: h.clock.in(365 * DAY) });
    const spent = await spend(credits(6));
    expect(await drawsOf(h.sql, spent.entry.id)).toEqual({
      [(await grantOfEntry(h.sql, expiring.entry.id)).id]: credits(5),
      [(await grantOfEntry(h.sql, forever.entry.id)).id]: credits(1),
    });
  });

  it('spends the older grant first when priority and expiry are equal', async () => {
    const expiresAt = h.clock.in(DAY);
    const older = await grant(credits(4), { expiresAt });
    h.clock.advance(MINUTE);
    const newer = await grant(credits(4), { expiresAt });
    const spent = await spend(credits(1));
    expect(await drawsOf(h.sql, spent.entry.id)).toEqual({ [(await grantOfEntry(h.sql, older.entry.id)).id]: credits(1) });
    expect((await grantOfEntry(h.sql, newer.entry.id)).remaining).toBe(credits(4));
  });

  it('links each spend to exactly the grants it drew from, across buckets', async () => {
    const signup = await grant(credits(2), { source: 'signup' });
    h.clock.advance(1);
    const expiring = await grant(credits(3), { expiresAt: h.clock.in(DAY) });
    h.clock.advance(1);
    const forever = await grant(credits(5));
    const [s, e, f] = await Promise.all([signup, expiring, forever].map((g) => grantOfEntry(h.sql, g.entry.id).then((x) => x.id)));

    const first = await spend(credits(4));
    expect(await drawsOf(h.sql, first.entry.id)).toEqual({ [s!]: credits(2), [e!]: credits(2) });
    const second = await spend(credits(4));
    expect(await drawsOf(h.sql, second.entry.id)).toEqual({ [e!]: credits(1), [f!]: credits(3) });
    expect(await balanceOf()).toEqual({ balance: credits(2), held: 0n, available: credits(2) });
    await expectAuditClean();
  });

  it('refuses a spend larger than the available balance and changes nothing', async () => {
    await grant(credits(5));
    const before = await rowCounts(h.sql);
    await expectDomainError(spend(credits(5) + 1n), 'INSUFFICIENT_CREDITS');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(5), held: 0n, available: credits(5) });
    await spend(credits(5));
    expect((await balanceOf()).balance).toBe(0n);
  });
});

describe('expiry', () => {
  it('expires exactly the unspent remainder of a grant', async () => {
    const g = await grant(credits(10), { expiresAt: h.clock.in(DAY) });
    await spend(credits(3));
    h.clock.advance(DAY);
    const swept = await ledger.sweep();
    expect(swept.grants).toBe(1);
    const expiries = await entriesOf(h.sql, user, 'expiry');
    const grantId = (await grantOfEntry(h.sql, g.entry.id)).id;
    expect(expiries).toEqual([{ id: expect.any(String), type: 'expiry', amount: -credits(7), reference: `grant:${grantId}` }]);
    expect(await drawsOf(h.sql, expiries[0]!.id)).toEqual({ [grantId]: credits(7) });
    expect(await balanceOf()).toEqual({ balance: 0n, held: 0n, available: 0n });
    await expectAuditClean();
  });

  it('keeps a grant until the moment it expires, and expires it on the next operation without waiting for the sweeper', async () => {
    await grant(credits(10), { expiresAt: h.clock.in(HOUR) });
    h.clock.advance(1);
    await grant(credits(2));
    h.clock.advance(HOUR - 2);
    await spend(credits(1)); // one millisecond before expiry: still there
    expect((await entriesOf(h.sql, user, 'expiry')).length).toBe(0);
    h.clock.advance(1);
    await expectDomainError(spend(credits(3)), 'INSUFFICIENT_CREDITS');
    await spend(credits(1));
    expect((await entriesOf(h.sql, user, 'expiry')).map((e) => e.amount)).toEqual([-credits(9)]);
    expect(await balanceOf()).toEqual({ balance: credits(1), held: 0n, available: credits(1) });
    expect((await ledger.sweep()).grants).toBe(0);
    await expectAuditClean();
  });

  it('never takes held credit: expires only what the hold leaves, and the rest once the hold is settled', async () => {
    await grant(credits(10), { expiresAt: h.clock.in(HOUR) });
    const { hold: held } = await hold(credits(8), 24 * 3600);
    h.clock.advance(HOUR);
    await ledger.sweep();
    expect((await entriesOf(h.sql, user, 'expiry')).map((e) => e.amount)).toEqual([-credits(2)]);
    expect(await balanceOf()).toEqual({ balance: credits(8), held: credits(8), available: 0n });

    await settle(held.id, credits(5));
    expect(await balanceOf()).toEqual({ balance: credits(3), held: 0n, available: credits(3) });
    await ledger.sweep();
    expect((await entriesOf(h.sql, user, 'expiry')).map((e) => e.amount)).toEqual([-credits(2), -credits(3)]);
    expect(await balanceOf()).toEqual({ balance: 0n, held: 0n, available: 0n });
    await expectAuditClean();
  });

  it('expires each due grant once, in burn order, however often the sweeper runs', async () => {
    await grant(credits(3), { expiresAt: h.clock.in(HOUR) });
    h.clock.advance(1);
    await grant(credits(4), { source: 'signup', expiresAt: h.clock.in(2 * HOUR) });
    h.clock.advance(1);
    await grant(credits(1));
    h.clock.advance(3 * HOUR);
    await ledger.sweep();
    await ledger.sweep();
    await spend(credits(1));
    expect((await entriesOf(h.sql, user, 'expiry')).map((e) => e.amount)).toEqual([-credits(4), -credits(3)]);
    expect((await balanceOf()).balance).toBe(0n);
    await expectAuditClean();
  });
});
