import { describe, expect, it } from 'vitest';
import type { Backplane } from '../backplane.js';
import { eventually, rule, tagged, unique } from './contract-helpers.js';

/** consumeAll's part of the backplane contract (backplane.contract.ts runs it for every backplane). */
export function consumeAllContract(get: () => Backplane): void {
  // In a Redis Cluster every key of one call must hash to one slot: each test's keys share a hash tag.
  describe('consumeAll (several limits and one cache read at once)', () => {
    it('takes `cost` from every rule while each has enough, and reads the cache key in the same call', async () => {
      const [a, b] = [rule(10), rule(4)];
      const [key, read] = tagged('user', 'read');
      await get().cacheSet(read, 'cached', 60);
      expect(
        await get().consumeAll(
          [
            { rule: a, key },
            { rule: b, key },
          ],
          read,
          2,
        ),
      ).toEqual({
        allowed: true,
        refusedBy: -1,
        retryAfterSeconds: 0,
        value: 'cached',
      });
      // The counters are consume's own: 2 of 10 and 2 of 4 are gone.
      expect(await get().consume(a, key)).toMatchObject({ allowed: true, remaining: 7 });
      expect(await get().consume(b, key)).toMatchObject({ allowed: true, remaining: 1 });
    });

    it('refuses at the first rule without enough, names its index and retry-after, and takes nothing from any', async () => {
      const [a, b, c] = [rule(10), rule(3, 60), rule(1)];
      const [key] = tagged('client');
      await get().consume(b, key, 2);
      const refused = await get().consumeAll(
        [
          { rule: a, key },
          { rule: b, key },
          { rule: c, key },
        ],
        undefined,
        2,
      );
      expect(refused).toMatchObject({ allowed: false, refusedBy: 1, value: null });
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      // Nothing was taken: a and c still have their full budget, b its last point.
      expect(await get().consume(a, key, 10)).toMatchObject({ allowed: true, remaining: 0 });
      expect(await get().consume(c, key, 1)).toMatchObject({ allowed: true, remaining: 0 });
      expect(await get().consume(b, key, 1)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('refuses a cost larger than a fresh budget without opening a window, and reads the cache even when refusing', async () => {
      const r = rule(3);
      const [key, read] = tagged('client', 'read');
      await get().cacheSet(read, 'still read', 60);
      expect(await get().consumeAll([{ rule: r, key }], read, 4)).toMatchObject({ allowed: false, refusedBy: 0, value: 'still read' });
      expect(await get().consumeAll([{ rule: r, key }], read, 3)).toMatchObject({ allowed: true, value: 'still read' });
      expect(await get().consumeAll([{ rule: r, key }])).toMatchObject({ allowed: false, refusedBy: 0, value: null });
    });

    it('reads null for an absent key, and only reads when given no rules', async () => {
      expect(await get().consumeAll([], unique('absent'))).toEqual({ allowed: true, refusedBy: -1, retryAfterSeconds: 0, value: null });
      const read = unique('only-read');
      await get().cacheSet(read, 'v', 60);
      expect((await get().consumeAll([], read)).value).toBe('v');
    });

    it('rejects a cost that is not a whole number of points, at least 1, and takes nothing', async () => {
      const r = rule(3);
      const [key] = tagged('client');
      for (const cost of [0, -2, 1.5]) await expect(get().consumeAll([{ rule: r, key }], undefined, cost)).rejects.toThrow(RangeError);
      expect(await get().consume(r, key, 3)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('gives the budget back once the window has passed', async () => {
      const r = rule(2, 1);
      const [key] = tagged('client');
      expect((await get().consumeAll([{ rule: r, key }], undefined, 2)).allowed).toBe(true);
      expect((await get().consumeAll([{ rule: r, key }])).allowed).toBe(false);
      await eventually(async () => (await get().consumeAll([{ rule: r, key }], undefined, 2)).allowed, 'the 1 s window to pass');
    });

    it('holds both limits under 100 concurrent calls: exactly the tighter budget is allowed, and the looser loses only that', async () => {
      const [loose, tight] = [rule(30), rule(10)];
      const [key] = tagged('client');
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          get().consumeAll([
            { rule: loose, key },
            { rule: tight, key },
          ]),
        ),
      );
      expect(results.filter((res) => res.allowed)).toHaveLength(10);
      expect(new Set(results.filter((res) => !res.allowed).map((res) => res.refusedBy))).toEqual(new Set([1]));
      expect(await get().consume(loose, key, 20)).toMatchObject({ allowed: true, remaining: 0 });
      expect((await get().consume(tight, key)).allowed).toBe(false);
    });
  });
}
