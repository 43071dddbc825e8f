/** The property test's abstract commands: what fast-check generates and shrinks (see ledger.property.test.ts). */
import fc from 'fast-check';
import type { GrantSource } from '../ledger.domain.js';
import { DAY, HOUR, MINUTE } from './ledger-harness.js';

/** Users in every sequence. */
export const USERS = 3;

type Pick = number;
export type Cmd =
  | { t: 'grant'; u: number; source: GrantSource; amount: bigint; expiresIn: number | null; priority: number | null }
  | { t: 'spend'; u: number; amount: bigint; admin: boolean }
  | { t: 'spendAll'; u: number; delta: bigint }
  | { t: 'hold'; u: number; amount: bigint; ttl: number | null }
  | { t: 'holdAll'; u: number; delta: bigint }
  | { t: 'settle'; u: number; pick: Pick; how: 'part' | 'all' | 'zero' | 'over' | 'otherUser'; permille: number }
  | { t: 'release'; u: number; pick: Pick; otherUser: boolean }
  | { t: 'refund'; u: number; pick: Pick; how: 'rest' | 'part' | 'exact' | 'over' | 'otherUser' | 'unknown'; permille: number }
  | { t: 'sweep'; ms: number }
  | { t: 'advance'; ms: number }
  | { t: 'threshold'; u: number; micro: bigint }
  | { t: 'replay'; pick: Pick }
  | { t: 'conflict'; pick: Pick; how: 'amount' | 'operation' }
  | { t: 'ghost'; amount: bigint }
  | { t: 'bad'; u: number; which: 'zero' | 'negative' | 'blankKey' | 'ttl' | 'priority' | 'pastExpiry' | 'negativeSettle' };

const user = fc.nat(USERS - 1);
const pick = fc.nat(1_000_000);
const smallAmount = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 8_000_000n }), weight: 6 },
  { arbitrary: fc.constantFrom(1n, 999_999n, 1_000_000n, 5_000_000n), weight: 1 },
);
const grantAmount = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 30_000_000n }), weight: 5 },
  { arbitrary: fc.constantFrom(1n, 1_000_000n, 10_000_000n), weight: 1 },
);
const shortSpan = fc.integer({ min: 1, max: HOUR });
const longSpan = fc.integer({ min: HOUR, max: 3 * DAY });
/** Mostly minutes, sometimes most of a day: holds and grants lapse at every pace. */
const clockStep = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 15 * MINUTE }), weight: 3 }, { arbitrary: fc.integer({ min: HOUR, max: DAY }), weight: 1 });

export const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.record({
      t: fc.constant('grant' as const),
      u: user,
      source: fc.constantFrom<GrantSource>('signup', 'purchase', 'subscription', 'coupon', 'admin', 'rollover'),
      amount: grantAmount,
      expiresIn: fc.option(fc.oneof(shortSpan, longSpan), { nil: null, freq: 3 }),
      priority: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 2 }),
    }),
  },
  { weight: 14, arbitrary: fc.record({ t: fc.constant('spend' as const), u: user, amount: smallAmount, admin: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('spendAll' as const), u: user, delta: fc.constantFrom(-1n, 0n, 0n, 1n) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('hold' as const),
      u: user,
      amount: smallAmount,
      ttl: fc.option(fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 24 * 3600 })), { nil: null, freq: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('holdAll' as const), u: user, delta: fc.constantFrom(-1n, 0n, 1n) }) },
  {
    weight: 9,
    arbitrary: fc.record({
      t: fc.constant('settle' as const),
      u: user,
      pick,
      how: fc.constantFrom('part' as const, 'part' as const, 'all' as const, 'zero' as const, 'over' as const, 'otherUser' as const),
      permille: fc.integer({ min: 0, max: 1000 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('release' as const), u: user, pick, otherUser: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      u: user,
      pick,
      how: fc.constantFrom('rest' as const, 'part' as const, 'part' as const, 'exact' as const, 'over' as const, 'otherUser' as const, 'unknown' as const),
      permille: fc.integer({ min: 1, max: 1000 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('sweep' as const), ms: clockStep }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: clockStep }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('threshold' as const), u: user, micro: fc.bigInt({ min: 0n, max: 20_000_000n }) }) },
  { weight: 7, arbitrary: fc.record({ t: fc.constant('replay' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('conflict' as const), pick, how: fc.constantFrom('amount' as const, 'operation' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('ghost' as const), amount: smallAmount }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('bad' as const),
      u: user,
      which: fc.constantFrom(
        'zero' as const,
        'negative' as const,
        'blankKey' as const,
        'ttl' as const,
        'priority' as const,
        'pastExpiry' as const,
        'negativeSettle' as const,
      ),
    }),
  },
);
