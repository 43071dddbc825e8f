/** Turns the property test's abstract commands into concrete operations, aimed by what the model holds. */
import type { TestClock } from './ledger-harness.js';
import { USERS, type Cmd } from './property-commands.js';
import type { GrantInput, HoldInput, LedgerModel, RefundInput, SettleInput, SpendInput } from './reference-model.js';

// ---- concrete operations (what runs against both sides; replays re-run one of these) ----

export type Op =
  | { op: 'grant'; input: GrantInput }
  | { op: 'spend'; input: SpendInput }
  | { op: 'hold'; input: HoldInput }
  | { op: 'settle'; input: SettleInput }
  | { op: 'release'; userId: string; holdId: string }
  | { op: 'refund'; input: RefundInput }
  | { op: 'threshold'; userId: string; threshold: bigint }
  | { op: 'sweep' };

/** The operations that carry an idempotency key (or a hold id), which later commands replay. */
export type KeyedOp = Extract<Op, { op: 'grant' | 'spend' | 'hold' | 'refund' | 'settle' }>;

/** One sequence's state, as concretise reads (and moves) it. */
export interface RunState {
  model: LedgerModel;
  users: string[];
  clock: TestClock;
  keyed: KeyedOp[];
  newKey(): string;
}

const ghost = '00000000-0000-4000-8000-00000000dead';

/** Turns an abstract command into concrete operations, reading the model for what to aim at. */
export function concretise(c: Cmd, run: RunState): Op | null {
  const { model, users, clock, keyed, newKey } = run;
  const now = clock.now().getTime();
  const userOf = (u: number) => users[u]!;
  switch (c.t) {
    case 'grant':
      return {
        op: 'grant',
        input: {
          userId: userOf(c.u),
          source: c.source,
          amount: c.amount,
          key: newKey(),
          expiresAt: c.expiresIn === null ? null : now + c.expiresIn,
          priority: c.priority,
        },
      };
    case 'spend':
      return {
        op: 'spend',
        input: {
          userId: userOf(c.u),
          amount: c.amount,
          key: newKey(),
          type: c.admin ? 'admin_deduct' : 'usage',
          description: c.admin ? 'admin adjustment' : 'completion',
        },
      };
    case 'spendAll': {
      // The whole available balance (as of the last operation; expiry may still shrink it), give or take one micro-credit.
      const amount = model.balance(userOf(c.u)).available + c.delta;
      return { op: 'spend', input: { userId: userOf(c.u), amount: amount > 0n ? amount : 1n, key: newKey(), type: 'usage', description: 'completion' } };
    }
    case 'hold':
      return { op: 'hold', input: { userId: userOf(c.u), amount: c.amount, key: newKey(), ttlSeconds: c.ttl } };
    case 'holdAll': {
      const amount = model.balance(userOf(c.u)).available + c.delta;
      return { op: 'hold', input: { userId: userOf(c.u), amount: amount > 0n ? amount : 1n, key: newKey(), ttlSeconds: 3600 } };
    }
    case 'settle': {
      const owner = c.how === 'otherUser' ? userOf((c.u + 1) % USERS) : userOf(c.u);
      const hold = aimAtHold(run, owner, c.pick);
      if (!hold) return null;
      const amount = c.how === 'zero' ? 0n : c.how === 'all' ? hold.amount : c.how === 'over' ? hold.amount + 1n : (hold.amount * BigInt(c.permille)) / 1000n;
      return { op: 'settle', input: { userId: userOf(c.u), holdId: hold.id, amount } };
    }
    case 'release': {
      const owner = c.otherUser ? userOf((c.u + 1) % USERS) : userOf(c.u);
      const hold = aimAtHold(run, owner, c.pick);
      return hold ? { op: 'release', userId: userOf(c.u), holdId: hold.id } : null;
    }
    case 'refund': {
      const base = { userId: userOf(c.u), key: newKey(), reason: 'refund' };
      if (c.how === 'unknown') return { op: 'refund', input: { ...base, entryId: '00000000-0000-4000-8000-0000000000ff', amount: null } };
      const owner = model.account(c.how === 'otherUser' ? userOf((c.u + 1) % USERS) : userOf(c.u));
      const all = owner.entries.filter((e) => e.id !== null);
      // Mostly spends, sometimes any entry (a grant, a refund) which must be refused.
      const spends = all.filter((e) => e.type === 'usage' || e.type === 'admin_deduct');
      const pool = spends.length > 0 && c.pick % 5 !== 0 ? spends : all;
      if (pool.length === 0) return null;
      const target = pool[c.pick % pool.length]!;
      const left = -target.amount - (owner.refunded.get(target.id!) ?? 0n);
      const amount =
        c.how === 'rest' || c.how === 'otherUser' ? null : c.how === 'exact' ? left : c.how === 'over' ? left + 1n : (left * BigInt(c.permille)) / 1000n + 1n;
      return { op: 'refund', input: { ...base, entryId: target.id!, amount: amount !== null && amount <= 0n ? 1n : amount } };
    }
    case 'threshold':
      return { op: 'threshold', userId: userOf(c.u), threshold: c.micro };
    case 'sweep':
      clock.advance(c.ms);
      return { op: 'sweep' };
    case 'advance':
      clock.advance(c.ms);
      return null;
    case 'replay': {
      if (keyed.length === 0) return null;
      return keyed[c.pick % keyed.length]!;
    }
    case 'conflict': {
      const candidates = keyed.filter((k) => k.op !== 'settle');
      if (candidates.length === 0) return null;
      const original = candidates[c.pick % candidates.length]!;
      return conflicting(original as Exclude<typeof original, { op: 'settle' }>, c.how);
    }
    case 'ghost':
      return { op: 'spend', input: { userId: ghost, amount: c.amount, key: newKey(), type: 'usage', description: 'completion' } };
    case 'bad': {
      const userId = userOf(c.u);
      switch (c.which) {
        case 'zero':
          return { op: 'spend', input: { userId, amount: 0n, key: newKey(), type: 'usage', description: 'completion' } };
        case 'negative':
          return { op: 'grant', input: { userId, source: 'purchase', amount: -1_000_000n, key: newKey(), expiresAt: null, priority: null } };
        case 'blankKey':
          return { op: 'hold', input: { userId, amount: 1n, key: '   ', ttlSeconds: null } };
        case 'ttl':
          return { op: 'hold', input: { userId, amount: 1n, key: newKey(), ttlSeconds: 24 * 3600 + 1 } };
        case 'priority':
          return { op: 'grant', input: { userId, source: 'coupon', amount: 1n, key: newKey(), expiresAt: null, priority: 1001 } };
        case 'pastExpiry':
          return { op: 'grant', input: { userId, source: 'coupon', amount: 1n, key: newKey(), expiresAt: now, priority: null } };
        case 'negativeSettle': {
          const holds = model.account(userId).holds;
          return holds.length === 0 ? null : { op: 'settle', input: { userId, holdId: holds[0]!.id, amount: -1n } };
        }
      }
    }
  }
}

/** Mostly a live hold (they are the interesting ones), sometimes any hold: settled, released, expired or lapsed but not yet swept. */
function aimAtHold({ model, clock }: RunState, owner: string, n: number) {
  const all = model.account(owner).holds;
  const now = clock.now().getTime();
  const active = all.filter((x) => x.status === 'active' && x.expiresAt > now);
  const pool = active.length > 0 && n % 4 !== 0 ? active : all;
  return pool.length === 0 ? null : pool[n % pool.length]!;
}

/** The same key with another request: a different amount, or a different operation. */
function conflicting(original: Extract<Op, { op: 'grant' | 'spend' | 'hold' | 'refund' }>, how: 'amount' | 'operation'): Op {
  const userId = original.input.userId;
  const key = original.input.key;
  if (how === 'amount') {
    switch (original.op) {
      case 'grant':
        return { op: 'grant', input: { ...original.input, amount: original.input.amount + 1n } };
      case 'spend':
        return { op: 'spend', input: { ...original.input, amount: original.input.amount + 1n } };
      case 'hold':
        return { op: 'hold', input: { ...original.input, amount: original.input.amount + 1n } };
      case 'refund':
        return { op: 'refund', input: { ...original.input, amount: (original.input.amount ?? 0n) + 1n } };
    }
  }
  if (original.op === 'hold') return { op: 'hold', input: { ...original.input, ttlSeconds: (original.input.ttlSeconds ?? 900) + 1 } };
  if (original.op === 'grant') return { op: 'spend', input: { userId, amount: 1n, key, type: 'usage', description: 'completion' } };
  return { op: 'grant', input: { userId, source: 'admin', amount: 1n, key, expiresAt: null, priority: null } };
}
