/**
 * Limits under concurrency, against real PostgreSQL: many requests at once on one account (each
 * a transaction on its own pooled connection), and two services on two pools sweeping together
 * like two replicas. Every limit must still hold and the audit must stay clean.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { DAY, HOUR, credits, entriesOf, userActor, RecordedEvents } from './ledger-harness.js';
import { expectAuditClean, h, ledger, useLedgerFixture, user } from './ledger-fixture.js';

useLedgerFixture({ poolSize: 20 });

/** Splits settled promises into values and DomainError codes; anything else thrown fails the test. */
function outcomes<T>(results: PromiseSettledResult<T>[]): { values: T[]; codes: string[] } {
  const values: T[] = [];
  const codes: string[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') values.push(r.value);
    else if (r.reason instanceof DomainError) codes.push(r.reason.code);
    else throw r.reason;
  }
  return { values, codes };
}

const grant = (userId: string, amount: bigint, key: string, expiresAt: Date | null = null) =>
  ledger.grant({ userId, source: 'purchase', amount, idempotencyKey: key, actor: userActor(userId), expiresAt });

describe('concurrent requests on one account', () => {
  it('200 concurrent spends of 1 credit on 50 credits: exactly 50 succeed, the rest are refused, balance 0', async () => {
    await grant(user, credits(50), 'topup');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        ledger.spend({ userId: user, amount: credits(1), idempotencyKey: `spend-${i}`, actor: userActor(user), description: 'completion' }),
      ),
    );
    const { values, codes } = outcomes(results);
    expect(values.length).toBe(50);
    expect(codes).toEqual(Array(150).fill('INSUFFICIENT_CREDITS'));
    expect(new Set(values.map((v) => v.entry.balanceAfter)).size).toBe(50); // each saw the one before it
    expect(await ledger.balance(user)).toMatchObject({ balance: 0n, held: 0n, available: 0n });
    expect((await entriesOf(h.sql, user, 'usage')).length).toBe(50);
    await expectAuditClean();
  });

  it('200 concurrent holds of 1 credit on 50 credits: exactly 50 are held, the rest are refused', async () => {
    await grant(user, credits(50), 'topup');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => ledger.hold({ userId: user, amount: credits(1), idempotencyKey: `hold-${i}` })),
    );
    const { values, codes } = outcomes(results);
    expect(values.length).toBe(50);
    expect(codes).toEqual(Array(150).fill('INSUFFICIENT_CREDITS'));
    expect(await ledger.balance(user)).toMatchObject({ balance: credits(50), held: credits(50), available: 0n });
    const [{ n }] = (await h.sql.query(`select count(*)::int as n from credit_hold where status = 'active'`)) as [{ n: number }];
    expect(n).toBe(50);
    await expectAuditClean();
  });

  it('spends and holds racing for the same credit never take more than there is', async () => {
    await grant(user, credits(30), 'topup');
    const results = await Promise.allSettled(
      Array.from({ length: 90 }, (_, i) =>
        i % 2 === 0
          ? ledger.spend({ userId: user, amount: credits(1), idempotencyKey: `spend-${i}`, actor: userActor(user), description: 'completion' })
          : ledger.hold({ userId: user, amount: credits(1), idempotencyKey: `hold-${i}` }),
      ),
    );
    const { values, codes } = outcomes(results);
    expect(values.length).toBe(30);
    expect(codes).toEqual(Array(60).fill('INSUFFICIENT_CREDITS'));
    const spent = values.filter((v) => 'entry' in v).length;
    const held = values.filter((v) => 'hold' in v).length;
    expect(await ledger.balance(user)).toMatchObject({ balance: credits(30 - spent), held: credits(held), available: 0n });
    await expectAuditClean();
  });

  it('20 concurrent retries of one spend (same key, same request) write one entry and move the balance once', async () => {
    await grant(user, credits(10), 'topup');
    const cmd = { userId: user, amount: credits(3), idempotencyKey: 'charge-once', actor: userActor(user), description: 'completion' };
    const { values, codes } = outcomes(await Promise.allSettled(Array.from({ length: 20 }, () => ledger.spend(cmd))));
    expect(codes).toEqual([]);
    expect(new Set(values.map((v) => v.entry.id)).size).toBe(1);
    expect(values.filter((v) => !v.replayed).length).toBe(1);
    expect((await entriesOf(h.sql, user, 'usage')).length).toBe(1);
    expect((await ledger.balance(user)).balance).toBe(credits(7));
    expect(h.events.changedFor(user).length).toBe(2); // the grant and the one spend
    await expectAuditClean();
  });

  it('20 concurrent retries of one grant to a brand-new user open one account and grant once', async () => {
    const fresh = await h.createUser();
    const { values, codes } = outcomes(await Promise.allSettled(Array.from({ length: 20 }, () => grant(fresh, credits(5), 'signup-bonus'))));
    expect(codes).toEqual([]);
    expect(new Set(values.map((v) => v.entry.id)).size).toBe(1);
    const [{ n }] = (await h.sql.query(`select count(*)::int as n from credit_account where user_id = $1`, [fresh])) as [{ n: number }];
    expect(n).toBe(1);
    expect((await ledger.balance(fresh)).balance).toBe(credits(5));
    await expectAuditClean();
  });

  it('20 concurrent retries of one hold hold once', async () => {
    await grant(user, credits(10), 'topup');
    const { values, codes } = outcomes(
      await Promise.allSettled(
        Array.from({ length: 20 }, () => ledger.hold({ userId: user, amount: credits(4), idempotencyKey: 'hold-once', ttlSeconds: 60 })),
      ),
    );
    expect(codes).toEqual([]);
    expect(new Set(values.map((v) => v.hold.id)).size).toBe(1);
    expect((await ledger.balance(user)).held).toBe(credits(4));
    await expectAuditClean();
  });

  it('settling the same hold twice at once charges once', async () => {
    await grant(user, credits(10), 'topup');
    const { hold } = await ledger.hold({ userId: user, amount: credits(5), idempotencyKey: 'h' });
    const settle = () => ledger.settle({ userId: user, holdId: hold.id, amount: credits(3), actor: userActor(user), description: 'completion' });
    const { values, codes } = outcomes(await Promise.allSettled([settle(), settle()]));
    expect(codes).toEqual([]);
    expect(values.map((v) => v.replayed).sort()).toEqual([false, true]);
    expect(values[0]!.entry!.id).toBe(values[1]!.entry!.id);
    expect((await entriesOf(h.sql, user, 'usage')).map((e) => e.amount)).toEqual([-credits(3)]);
    expect(await ledger.balance(user)).toMatchObject({ balance: credits(7), held: 0n });
    await expectAuditClean();
  });

  it('settling and releasing one hold at once: exactly one of them wins', async () => {
    await grant(user, credits(10), 'topup');
    const { hold } = await ledger.hold({ userId: user, amount: credits(5), idempotencyKey: 'h' });
    const results = await Promise.allSettled([
      ledger.settle({ userId: user, holdId: hold.id, amount: credits(2), actor: userActor(user), description: 'completion' }),
      ledger.release(user, hold.id),
    ]);
    const { values, codes } = outcomes<unknown>(results);
    expect(values.length).toBe(1);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    const settled = results[0].status === 'fulfilled';
    expect(await ledger.balance(user)).toMatchObject({ balance: settled ? credits(8) : credits(10), held: 0n });
    await expectAuditClean();
  });

  it('concurrent refunds of one spend never give back more than was spent', async () => {
    await grant(user, credits(10), 'topup');
    const spent = await ledger.spend({ userId: user, amount: credits(10), idempotencyKey: 'big', actor: userActor(user), description: 'completion' });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ledger.refund({
          userId: user,
          entryId: spent.entry.id,
          amount: credits(3),
          reason: 'bad answer',
          idempotencyKey: `refund-${i}`,
          actor: userActor(user),
        }),
      ),
    );
    const { values, codes } = outcomes(results);
    expect(values.length).toBe(3);
    expect(codes).toEqual(Array(7).fill('BAD_USER_INPUT'));
    expect((await ledger.balance(user)).balance).toBe(credits(9));
    await expectAuditClean();
  });
});

describe('concurrent requests across accounts', () => {
  it('grants to 20 accounts interleaved with their spends: every account ends consistent', async () => {
    const users = [user, ...(await Promise.all(Array.from({ length: 19 }, () => h.createUser())))];
    await Promise.all(users.map((u) => grant(u, credits(5), `first-${u}`)));
    h.events.clear();
    const jobs = users.flatMap((u) => [
      { u, kind: 'grant' as const, run: () => grant(u, credits(5), `second-${u}`) },
      ...Array.from({ length: 10 }, (_, i) => ({
        u,
        kind: 'spend' as const,
        run: () => ledger.spend({ userId: u, amount: credits(1), idempotencyKey: `spend-${i}`, actor: userActor(u), description: 'completion' }),
      })),
    ]);
    // Interleave: every account's grant and spends are in flight at once, in a shuffled order.
    const order = jobs.map((job, i) => ({ job, k: (i * 7919) % jobs.length })).sort((a, b) => a.k - b.k);
    const results = await Promise.allSettled(order.map(({ job }) => job.run()));
    const byUser = new Map(users.map((u) => [u, { spent: 0, refused: 0, granted: false }]));
    results.forEach((r, i) => {
      const { u, kind } = order[i]!.job;
      const tally = byUser.get(u)!;
      if (r.status === 'rejected') {
        if (!(r.reason instanceof DomainError) || r.reason.code !== 'INSUFFICIENT_CREDITS' || kind !== 'spend') throw r.reason;
        tally.refused += 1;
      } else if (kind === 'spend') tally.spent += 1;
      else tally.granted = true;
    });
    for (const u of users) {
      const tally = byUser.get(u)!;
      expect(tally.granted).toBe(true);
      expect(tally.spent).toBeGreaterThanOrEqual(5);
      expect(tally.spent + tally.refused).toBe(10);
      expect(await ledger.balance(u)).toMatchObject({ balance: credits(10 - tally.spent), held: 0n });
      expect(h.events.changedFor(u).length).toBe(1 + tally.spent);
    }
    await expectAuditClean();
  });
});

describe('two replicas sweeping at once', () => {
  it('expire every due grant exactly once', async () => {
    const users = [user, ...(await Promise.all(Array.from({ length: 39 }, () => h.createUser())))];
    const grantsPerUser = 5;
    for (const [n, u] of users.entries()) {
      for (let g = 0; g < grantsPerUser; g++) {
        await grant(u, credits(2 + g), `g-${g}`, h.clock.in(HOUR + g * 1000));
      }
      // Some accounts spend part of their grants first, so remainders differ; some keep a never-expiring grant.
      if (n % 3 === 0) await ledger.spend({ userId: u, amount: credits(3) + BigInt(n), idempotencyKey: 's', actor: userActor(u), description: 'completion' });
      if (n % 4 === 0) await grant(u, credits(1), 'forever');
    }
    const [{ due }] = (await h.sql.query(`select count(*)::int as due from credit_grant where remaining > 0 and expires_at is not null`)) as [{ due: number }];
    expect(due).toBeGreaterThan(150);
    h.clock.advance(DAY);

    const replicaEvents = new RecordedEvents();
    const replica = h.replica(replicaEvents);
    const [a, b] = await Promise.all([ledger.sweep(), replica.sweep()]);
    expect(a.grants + b.grants).toBe(due);

    const [{ entries, grants }] = (await h.sql.query(
      `select count(*)::int as entries, count(distinct reference)::int as grants from ledger_entry where type = 'expiry'`,
    )) as [{ entries: number; grants: number }];
    expect(entries).toBe(due);
    expect(grants).toBe(due);
    const [{ left }] = (await h.sql.query(`select count(*)::int as left from credit_grant where remaining > 0 and expires_at is not null`)) as [
      { left: number },
    ];
    expect(left).toBe(0);
    for (const [n, u] of users.entries()) expect((await ledger.balance(u)).balance).toBe(n % 4 === 0 ? credits(1) : 0n);
    await expectAuditClean();

    // Sweeping again finds nothing.
    expect((await replica.sweep()).grants + (await ledger.sweep()).grants).toBe(0);
  });

  it('sweeps racing with spends on the same accounts still expire each grant once and never overdraw', async () => {
    const users = [user, ...(await Promise.all(Array.from({ length: 9 }, () => h.createUser())))];
    for (const u of users) {
      await grant(u, credits(10), 'expiring', h.clock.in(HOUR));
      await grant(u, credits(5), 'forever');
    }
    h.clock.advance(HOUR);
    const replica = h.replica();
    const spends = users.flatMap((u) =>
      Array.from({ length: 8 }, (_, i) =>
        ledger.spend({ userId: u, amount: credits(1), idempotencyKey: `s-${i}`, actor: userActor(u), description: 'completion' }),
      ),
    );
    const results = await Promise.allSettled([ledger.sweep(), replica.sweep(), ...spends]);
    outcomes<unknown>(results); // only DomainErrors may be thrown
    for (const u of users) {
      const expiries = await entriesOf(h.sql, u, 'expiry');
      // Expiry runs before any spend on the account (lazily or by a sweeper): the 10 expire whole, once.
      expect(expiries.map((e) => e.amount)).toEqual([-credits(10)]);
      const spent = (await entriesOf(h.sql, u, 'usage')).length;
      expect(spent).toBe(5);
      expect((await ledger.balance(u)).balance).toBe(0n);
    }
    await expectAuditClean();
  });
});
