import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import type { UsageEvent, UsageStore } from '../usage.store.js';
import { adminSession, balanceOf, event, eventCount, grant, newUser, rollupDrift, rollupRows, type User } from './metering-helpers.js';

let t: TestApp;
let usage: UsageStore;
let users: User[];
let admin: User;

beforeAll(async () => {
  t = await startTestApp();
  usage = t.app.services.usage;
  admin = await adminSession(t);
  users = [await newUser(t), await newUser(t), await newUser(t)];
});
afterAll(async () => {
  await t?.stop();
});

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

const DAYS = ['2026-03-30', '2026-03-31', '2026-04-01'];
const rollupOf = async (userId: string, day: string) =>
  (await t.app.sql.query(`select requests, input_tokens, charged from usage_daily where user_id = $1 and day = $2::date`, [userId, day]))[0];

describe('the daily rollup', () => {
  it('equals the sums of its events after many mixed events, reused keys, concurrent writes and rolled-back transactions', async () => {
    const pick = rng(20_261_121);
    const keys: Array<{ key: string; user: number }> = [];
    const mixed = (): UsageEvent => {
      const status = (['ok', 'ok', 'cached', 'error'] as const)[pick(4)];
      const service = ['completion', 'completion', 'tts', 'embeddings'][pick(4)]!;
      // A key is the user's own: reusing one means the same user retrying.
      const reused = keys.length > 0 && pick(6) === 0 ? keys[pick(keys.length)]! : null;
      const user = reused ? reused.user : pick(3);
      const key = reused ? reused.key : pick(2) ? `k-${randomUUID()}` : null;
      if (key && !reused) keys.push({ key, user });
      const edge = [0, 1, 43_200_000, 86_399_999][pick(4)]!; // midnight, just after, noon, the last millisecond
      return event(users[user]!.id, {
        service,
        status,
        cached: status === 'cached',
        modelId: [null, 'sandbox/echo', 'openai/gpt-4o-mini'][pick(3)]!,
        inputTokens: pick(5_000),
        outputTokens: status === 'error' ? 0 : pick(2_000),
        units: service === 'completion' ? 0n : BigInt(pick(10_000)),
        costNano: BigInt(pick(1_000_000)),
        charged: BigInt(pick(100_000)),
        saved: status === 'cached' ? BigInt(pick(50_000)) : 0n,
        idempotencyKey: key,
        at: new Date(Date.parse(`${DAYS[pick(3)]}T00:00:00Z`) + edge),
      });
    };
    let recorded = 0;
    let duplicates = 0;
    for (let batch = 0; batch < 20; batch += 1) {
      // Concurrent writers on the same few rollup rows.
      const ids = await Promise.all(Array.from({ length: 15 }, () => usage.record(mixed())));
      recorded += ids.filter(Boolean).length;
      duplicates += ids.filter((id) => id === null).length;
      // A transaction that records and then fails leaves neither the event nor its share of the rollup.
      const doomed = mixed();
      await expect(
        t.app.sql.transaction(async (tx) => {
          await usage.record({ ...doomed, idempotencyKey: null }, tx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
    }
    expect(recorded).toBeGreaterThan(250);
    expect(duplicates).toBeGreaterThan(0);
    const events = Number((await t.app.sql.query(`select count(*) as n from usage_event`))[0]!.n);
    expect(events).toBe(recorded);
    expect(await rollupDrift(t.app.sql)).toEqual([]);
  });

  it('records nothing, and leaves the rollup alone, when the idempotency key was already used', async () => {
    const user = await newUser(t);
    const key = `dup-${randomUUID()}`;
    const at = new Date('2026-05-05T10:00:00Z');
    expect(await usage.record(event(user.id, { idempotencyKey: key, inputTokens: 100, charged: 7n, at }))).toEqual(expect.any(String));
    expect(await usage.record(event(user.id, { idempotencyKey: key, inputTokens: 999, charged: 999n, at }))).toBeNull();
    expect(await rollupOf(user.id, '2026-05-05')).toEqual({ requests: '1', input_tokens: '100', charged: '7' });
    expect(await eventCount(t.app.sql, user.id)).toBe(1);
  });

  it('adds an event to the UTC day of its own timestamp', async () => {
    const user = await newUser(t);
    await usage.record(event(user.id, { inputTokens: 1, at: new Date('2026-06-30T23:59:59.999Z') }));
    await usage.record(event(user.id, { inputTokens: 2, at: new Date('2026-07-01T00:00:00.000Z') }));
    expect((await rollupOf(user.id, '2026-06-30')).input_tokens).toBe('1');
    expect((await rollupOf(user.id, '2026-07-01')).input_tokens).toBe('2');
  });

  it('commits the event and rollup with the money inside the ledger transaction, and rolls all three back together', async () => {
    const user = await newUser(t);
    await grant(t, admin.token, user.id, '5');
    const before = await balanceOf(t, user.token);
    const spend = (within: (tx: Parameters<UsageStore['record']>[1]) => Promise<void>) =>
      t.app.services.ledger.spend({
        userId: user.id,
        amount: 1_000_000n,
        idempotencyKey: randomUUID(),
        actor: { type: 'system', id: null },
        description: 'test',
        within,
      });

    await expect(
      spend(async (tx) => {
        await usage.record(event(user.id, { charged: 1_000_000n }), tx);
        throw new Error('after the record, before commit');
      }),
    ).rejects.toThrow('before commit');
    expect(await eventCount(t.app.sql, user.id)).toBe(0);
    expect(await rollupRows(t.app.sql, user.id)).toBe(0);
    expect(await balanceOf(t, user.token)).toEqual(before);

    await spend(async (tx) => {
      await usage.record(event(user.id, { charged: 1_000_000n }), tx);
    });
    expect(await eventCount(t.app.sql, user.id)).toBe(1);
    expect((await t.app.sql.query(`select sum(charged) as c from usage_daily where user_id = $1`, [user.id]))[0]!.c).toBe('1000000');
    expect(await rollupDrift(t.app.sql)).toEqual([]);
  });
});

describe('usageSince (the monthly limits read it on every completion)', () => {
  it('is exact from any instant: whole days from the rollup, the rest of the first day from the events', async () => {
    const user = await newUser(t);
    const rec = (at: string, tokens: number, status: UsageEvent['status'] = 'ok') =>
      usage.record(event(user.id, { status, inputTokens: tokens, at: new Date(at) }));
    await rec('2026-08-09T23:00:00Z', 1);
    await rec('2026-08-10T10:00:00Z', 10);
    await rec('2026-08-10T14:00:00Z', 100);
    await rec('2026-08-11T00:00:00Z', 1_000);
    await rec('2026-08-12T08:00:00Z', 10_000, 'error');
    await usage.record(event(user.id, { service: 'tts', units: 5n, inputTokens: 100_000, at: new Date('2026-08-12T09:00:00Z') }));

    expect(await usage.usageSince(user.id, new Date('2026-08-10T12:00:00Z'))).toEqual({ requests: 2, tokens: 11_100n });
    expect(await usage.usageSince(user.id, new Date('2026-08-10T00:00:00Z'))).toEqual({ requests: 3, tokens: 11_110n });
    expect(await usage.usageSince(user.id, new Date('2026-08-01T00:00:00Z'))).toEqual({ requests: 4, tokens: 11_111n });
  });
});
