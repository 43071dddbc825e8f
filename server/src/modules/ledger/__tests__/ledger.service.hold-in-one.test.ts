import { describe, expect, it } from 'vitest';
import type { SqlPool } from '../../../platform/sql.js';
import { MINUTE, credits, expectDomainError, rowCounts } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { errorCodeOf } from './ledger-harness.js';
import { balanceOf, grant, hold, key, settle } from './service-helpers.js';

useLedgerFixture();

/** The statements the service's pool sends while `work` runs (BEGIN and COMMIT count). */
async function statements<T>(sql: SqlPool, work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const pool = sql.pool as unknown as { Client: { prototype: { query: (...a: unknown[]) => unknown } }; _clients: unknown[] };
  const proto = pool.Client.prototype;
  const original = proto.query;
  const sent: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (pool._clients.includes(this)) sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text));
    return original.apply(this, args);
  };
  try {
    return { result: await work(), sent };
  } finally {
    proto.query = original;
  }
}

describe('a hold in one statement', () => {
  it('holds with one statement and no BEGIN/COMMIT when nothing is due, and publishes the new balance', async () => {
    await grant(credits(10));
    h.events.clear();
    const { result, sent } = await statements(h.sql, () => hold(credits(4)));
    expect(sent).toHaveLength(1);
    expect(result).toMatchObject({ replayed: false, hold: { status: 'active', amount: credits(4) } });
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(4), available: credits(6) });
    expect(h.events.changedFor(user).map((b) => b.held)).toEqual([credits(4)]);
    await expectAuditClean();
  });

  it('takes the general path, with the same answers as before, for a replay, a conflict and too little credit', async () => {
    await grant(credits(10));
    const k = key('hold');
    const first = await ledger.hold({ userId: user, amount: credits(3), idempotencyKey: k, ttlSeconds: 600 });
    const again = await ledger.hold({ userId: user, amount: credits(3), idempotencyKey: k, ttlSeconds: 600 });
    expect(again).toEqual({ hold: first.hold, replayed: true });
    await expectDomainError(ledger.hold({ userId: user, amount: credits(2), idempotencyKey: k, ttlSeconds: 600 }), 'IDEMPOTENCY_CONFLICT');
    const before = await rowCounts(h.sql);
    await expectDomainError(hold(credits(7) + 1n), 'INSUFFICIENT_CREDITS');
    expect(await rowCounts(h.sql)).toEqual(before);
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(3), available: credits(7) });
    await expectAuditClean();
  });

  it('expires what is due first (general path): a lapsed hold frees its credit, an expired grant leaves', async () => {
    await grant(credits(5), { expiresAt: h.clock.in(2 * MINUTE) });
    await grant(credits(5));
    await hold(credits(5), 60);
    h.clock.advance(3 * MINUTE);
    const { result, sent } = await statements(h.sql, () => hold(credits(5)));
    expect(sent.length).toBeGreaterThan(1);
    expect(result.hold.status).toBe('active');
    expect(await balanceOf()).toEqual({ balance: credits(5), held: credits(5), available: 0n });
    await expectAuditClean();
  });

  it('opens the account of a user who has none (general path)', async () => {
    const newcomer = await h.createUser();
    await expectDomainError(ledger.hold({ userId: newcomer, amount: 1n, idempotencyKey: key('hold') }), 'INSUFFICIENT_CREDITS');
    expect((await ledger.balance(newcomer)).balance).toBe(0n);
  });

  it('never holds more than is available under concurrent holds on one account', async () => {
    await grant(credits(10));
    const results = await Promise.allSettled(Array.from({ length: 16 }, () => hold(credits(1))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(10), available: 0n });
    await expectAuditClean();
  });

  it('checks the balance as committed, not as the statement first saw it, while settles lower it concurrently', async () => {
    await grant(credits(20));
    const first = await Promise.all(Array.from({ length: 16 }, () => hold(credits(1))));
    const outcomes = await Promise.allSettled([
      ...first.map(({ hold: held }) => settle(held.id, credits(1))),
      ...Array.from({ length: 12 }, () => hold(credits(1))),
    ]);
    const codes = await Promise.all(
      outcomes.filter((o) => o.status === 'rejected').map((o) => errorCodeOf(Promise.reject((o as PromiseRejectedResult).reason))),
    );
    expect(new Set(codes)).toEqual(new Set(codes.length ? ['INSUFFICIENT_CREDITS'] : []));
    const after = await balanceOf();
    expect(after.balance).toBe(credits(4));
    expect(after.held).toBe(credits(12 - codes.length));
    await expectAuditClean();
  });
});
