import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLedger } from '../ledger.audit.js';
import { MAX_AMOUNT_MICRO } from '../ledger.domain.js';
import type { LedgerService } from '../ledger.service.js';
import {
  DAY,
  HOUR,
  MINUTE,
  credits,
  drawsOf,
  entriesOf,
  expectDomainError,
  grantOfEntry,
  resetLedger,
  rowCounts,
  startLedgerHarness,
  userActor,
  type LedgerHarness,
} from './ledger-harness.js';

let h: LedgerHarness;
let ledger: LedgerService;
let user: string;
let keyN = 0;
const key = (label = 'k') => `${label}-${++keyN}`;

beforeAll(async () => {
  h = await startLedgerHarness();
  ledger = h.service;
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await resetLedger(h.sql);
  user = await h.createUser();
  h.events.clear();
});

const grant = (amount: bigint, opts: { source?: 'signup' | 'purchase' | 'subscription' | 'coupon' | 'admin'; expiresAt?: Date | null; priority?: number; userId?: string } = {}) =>
  ledger.grant({
    userId: opts.userId ?? user,
    source: opts.source ?? 'purchase',
    amount,
    idempotencyKey: key('grant'),
    actor: userActor(user),
    expiresAt: opts.expiresAt ?? null,
    priority: opts.priority ?? null,
  });

const spend = (amount: bigint, userId = user) => ledger.spend({ userId, amount, idempotencyKey: key('spend'), actor: userActor(userId), description: 'completion' });

const hold = (amount: bigint, ttlSeconds = 3600) => ledger.hold({ userId: user, amount, idempotencyKey: key('hold'), ttlSeconds });

const settle = (holdId: string, amount: bigint) => ledger.settle({ userId: user, holdId, amount, actor: userActor(user), description: 'completion' });

const balanceOf = async (userId = user) => {
  const b = await ledger.balance(userId);
  return { balance: b.balance, held: b.held, available: b.available };
};

async function expectAuditClean() {
  expect((await auditLedger(h.sql)).violations).toEqual([]);
}

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
    expect(released.status).toBe('expired');
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

describe('refunds', () => {
  it('refunds part of a spend, then the rest, then refuses any more', async () => {
    await grant(credits(10));
    const spent = await spend(credits(6));
    const part = await ledger.refund({ userId: user, entryId: spent.entry.id, amount: credits(2), reason: 'bad answer', idempotencyKey: key(), actor: userActor(user) });
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
    await expectDomainError(ledger.refund({ userId: user, entryId: spent.entry.id, reason: 'again', idempotencyKey: key(), actor: userActor(user) }), 'BAD_USER_INPUT');
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
    await expectDomainError(ledger.refund({ userId: other, entryId: spent.entry.id, reason: 'x', idempotencyKey: key(), actor: userActor(other) }), 'NOT_FOUND');
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
    await expectDomainError(ledger.grant({ userId: user, source: 'purchase', amount: credits(11), idempotencyKey: 'same', actor: userActor(user) }), 'IDEMPOTENCY_CONFLICT');
    await expectDomainError(ledger.spend({ userId: user, amount: credits(1), idempotencyKey: 'same', actor: userActor(user), description: 'x' }), 'IDEMPOTENCY_CONFLICT');
    const replay = await ledger.grant({ userId: user, source: 'purchase', amount: credits(10), idempotencyKey: 'same', actor: userActor(user) });
    expect(replay).toMatchObject({ replayed: true, entry: { id: g.entry.id } });
    expect((await balanceOf()).balance).toBe(credits(10));
  });

  it('a retried grant returns its first result even after the grant has expired', async () => {
    const cmd = { userId: user, source: 'coupon' as const, amount: credits(2), idempotencyKey: 'coupon-1', actor: userActor(user), expiresAt: h.clock.in(HOUR) };
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

describe('low-balance alert', () => {
  const alertRows = async () =>
    (await h.sql.query(`select l.balance from low_balance_alert l join credit_account a on a.id = l.account_id where a.user_id = $1 order by l.created_at`, [user])).map((r) =>
      BigInt(r.balance),
    );

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
