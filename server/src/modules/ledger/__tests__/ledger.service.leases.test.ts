import { describe, expect, it, vi } from 'vitest';
import { HoldLeases } from '../ledger.leases.js';
import { startSweeper } from '../ledger.sweeper.js';
import { createLogger } from '../../../platform/logger.js';
import { DAY, SECOND, credits } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';
import { balanceOf, grant, key, settle } from './service-helpers.js';

useLedgerFixture();

/** A completion hold: a 30 s lease, as the gateway takes it. */
const leased = (amount: bigint) => ledger.hold({ userId: user, amount, idempotencyKey: key('lease'), ttlSeconds: 30 });
const statusOf = async (holdId: string) => (await h.sql.query(`select status, expires_at from credit_hold where id = $1`, [holdId]))[0]!;

describe('hold leases', () => {
  it('a renewed hold outlives its first lease; an unrenewed one lapses and the holds sweep releases it', async () => {
    await grant(credits(10));
    const { hold: kept } = await leased(credits(3));
    const { hold: dead } = await leased(credits(4));
    h.clock.advance(20 * SECOND);
    expect(await ledger.renewHolds([kept.id], 30)).toEqual([kept.id]);
    h.clock.advance(20 * SECOND); // 40 s after both were taken: past the first lease, inside the renewed one
    expect(await ledger.sweep(200, { holdsOnly: true })).toEqual({ accounts: 1, grants: 0, holds: 1 });
    expect((await statusOf(dead.id)).status).toBe('expired');
    expect((await statusOf(kept.id)).status).toBe('active');
    expect(await balanceOf()).toEqual({ balance: credits(10), held: credits(3), available: credits(7) });
    const settled = await settle(kept.id, credits(1));
    expect(settled.balance).toMatchObject({ balance: credits(9), held: 0n, available: credits(9) });
    await expectAuditClean();
  });

  it('never revives a hold that lapsed or closed, and never shortens a deadline', async () => {
    await grant(credits(10));
    const { hold: lapsed } = await leased(credits(2));
    const { hold: long } = await ledger.hold({ userId: user, amount: credits(1), idempotencyKey: key('long'), ttlSeconds: 3600 });
    h.clock.advance(31 * SECOND);
    await ledger.sweep(200, { holdsOnly: true });
    expect(await ledger.renewHolds([lapsed.id, long.id], 30)).toEqual([long.id]);
    expect((await statusOf(lapsed.id)).status).toBe('expired');
    expect(new Date((await statusOf(long.id)).expires_at).getTime()).toBe(long.expiresAt.getTime());
    await expectAuditClean();
  });

  it('a holds-only sweep visits only accounts with a lapsed hold, leaving other due grants to the full sweep', async () => {
    const other = await h.createUser();
    await grant(credits(5), { expiresAt: h.clock.in(DAY), userId: other });
    await grant(credits(5));
    await leased(credits(1));
    h.clock.advance(DAY);
    expect(await ledger.sweep(200, { holdsOnly: true })).toEqual({ accounts: 1, grants: 0, holds: 1 });
    expect(await balanceOf()).toEqual({ balance: credits(5), held: 0n, available: credits(5) });
    expect(await balanceOf(other)).toEqual({ balance: credits(5), held: 0n, available: credits(5) });
    expect(await ledger.sweep()).toEqual({ accounts: 1, grants: 1, holds: 0 });
    expect(await balanceOf(other)).toEqual({ balance: 0n, held: 0n, available: 0n });
    await expectAuditClean();
  });

  it('HoldLeases renews exactly the holds it tracks, until each is untracked', async () => {
    await grant(credits(10));
    const { hold: a } = await leased(credits(1));
    const { hold: b } = await leased(credits(1));
    const leases = new HoldLeases(ledger, createLogger('silent'), 30);
    const untrackA = leases.track(a.id);
    const untrackB = leases.track(b.id);
    untrackB();
    h.clock.advance(20 * SECOND);
    await leases.renew();
    untrackA();
    expect(leases.size).toBe(0);
    h.clock.advance(20 * SECOND);
    await ledger.sweep(200, { holdsOnly: true });
    expect([(await statusOf(a.id)).status, (await statusOf(b.id)).status]).toEqual(['active', 'expired']);
    await expectAuditClean();
  });
});

describe('hold leases on a busy server', () => {
  /** Pool exhausted: a real fault, the renewal waits for a connection that does not come. */
  const exhaustPool = async () => {
    const clients = await Promise.all(Array.from({ length: h.sql.pool.options.max }, () => h.sql.pool.connect()));
    return () => clients.forEach((c) => c.release());
  };
  const collecting = () => {
    const lines: string[] = [];
    return { lines, log: createLogger('info', { write: (line: string) => void lines.push(line) }) };
  };

  it('a renewal that hangs is logged and abandoned, so the next one still renews every tracked hold', async () => {
    await grant(credits(10));
    const { hold } = await leased(credits(2));
    const { lines, log } = collecting();
    const leases = new HoldLeases(ledger, log, 3); // one renewal may take a second
    const untrack = leases.track(hold.id);
    try {
      const free = await exhaustPool();
      try {
        await leases.renew(); // before: never resolved, and every later renew() returned this same stuck promise
      } finally {
        free();
      }
      expect(lines.some((l) => l.includes('renewing in-flight holds is stuck'))).toBe(true);
      h.clock.advance(40 * SECOND); // past the first lease; the renewal that hung computed its deadline long before
      await leases.renew();
      const row = await statusOf(hold.id);
      expect(row.status).toBe('active');
      expect(new Date(row.expires_at).getTime()).toBe(h.clock.now().getTime() + 3 * SECOND);
    } finally {
      untrack();
    }
    await expectAuditClean();
  });

  it('a hold that waited a third of its lease before it was tracked is renewed at once, not at the next tick', async () => {
    await grant(credits(10));
    const { hold } = await leased(credits(2));
    h.clock.advance(20 * SECOND);
    const leases = new HoldLeases(ledger, createLogger('silent'), 30);
    const untrack = leases.track(hold.id, Date.now() - 20_000); // asked for 20 s ago (waited on a lock)
    try {
      // The interval is 10 s; vi.waitFor gives up well before the first tick.
      await vi.waitFor(async () => expect(new Date((await statusOf(hold.id)).expires_at).getTime()).toBe(h.clock.now().getTime() + 30 * SECOND), {
        timeout: 5_000,
      });
    } finally {
      untrack();
    }
  });
});

describe('the holds sweep', () => {
  it('keeps running with LEDGER_SWEEP_SECONDS=0 (the full sweep off): a lapsed hold is still released', async () => {
    await grant(credits(10));
    const { hold } = await leased(credits(2));
    h.clock.advance(31 * SECOND); // lapsed: nobody renews it
    const sweeper = startSweeper(ledger, 0, createLogger('silent'), 1);
    try {
      await vi.waitFor(async () => expect((await statusOf(hold.id)).status).toBe('expired'), { timeout: 10_000, interval: 200 });
    } finally {
      await sweeper.stop();
    }
    expect(await balanceOf()).toEqual({ balance: credits(10), held: 0n, available: credits(10) });
    await expectAuditClean();
  });
});
