/**
 * Model-based property test: long random sequences of ledger commands over three users, applied
 * to the real LedgerService (real PostgreSQL) and to the in-memory reference model side by side.
 * After every step the balances, grant remainders, hold states, entry and alert counts, error
 * codes and published events must agree; the full ledger audit runs every 50 steps and at the end.
 *
 * Reproduce a failure with the seed it prints: FC_SEED=<seed> (add FC_PATH=<path> from fast-check's
 * report to replay only the shrunk case). FC_RUNS changes the number of sequences; FC_SHRINK=0
 * reports the first failing sequence without shrinking it (each shrink step replays a sequence).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../../platform/errors.js';
import { auditLedger } from '../ledger.audit.js';
import type { GrantSource } from '../ledger.domain.js';
import { DAY, HOUR, MINUTE, insertUser, resetLedger, startLedgerHarness, stringify, userActor, type LedgerHarness } from './ledger-harness.js';
import { LedgerModel, type Accepted, type EntryExpectation, type GrantInput, type HoldInput, type Outcome, type RefundInput, type SettleInput, type SpendInput } from './reference-model.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_311_121;
const PATH = process.env.FC_PATH;
const RUNS = Number(process.env.FC_RUNS ?? 64);
const MIN_STEPS = 150;
const MAX_STEPS = 300;
const AUDIT_EVERY = 50;
const USERS = 3;
const REQUIRED_OPERATIONS = 10_000;

// ---- abstract commands (what fast-check generates and shrinks) ----

type Pick = number;
type Cmd =
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
const grantAmount = fc.oneof({ arbitrary: fc.bigInt({ min: 1n, max: 30_000_000n }), weight: 5 }, { arbitrary: fc.constantFrom(1n, 1_000_000n, 10_000_000n), weight: 1 });
const shortSpan = fc.integer({ min: 1, max: HOUR });
const longSpan = fc.integer({ min: HOUR, max: 3 * DAY });
/** Mostly minutes, sometimes most of a day: holds and grants lapse at every pace. */
const clockStep = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 15 * MINUTE }), weight: 3 }, { arbitrary: fc.integer({ min: HOUR, max: DAY }), weight: 1 });

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
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
  { weight: 10, arbitrary: fc.record({ t: fc.constant('hold' as const), u: user, amount: smallAmount, ttl: fc.option(fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 24 * 3600 })), { nil: null, freq: 4 }) }) },
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
      which: fc.constantFrom('zero' as const, 'negative' as const, 'blankKey' as const, 'ttl' as const, 'priority' as const, 'pastExpiry' as const, 'negativeSettle' as const),
    }),
  },
);

// ---- concrete operations (what runs against both sides; replays re-run one of these) ----

type Op =
  | { op: 'grant'; input: GrantInput }
  | { op: 'spend'; input: SpendInput }
  | { op: 'hold'; input: HoldInput }
  | { op: 'settle'; input: SettleInput }
  | { op: 'release'; userId: string; holdId: string }
  | { op: 'refund'; input: RefundInput }
  | { op: 'threshold'; userId: string; threshold: bigint }
  | { op: 'sweep' };

type Actual = { ok: true; value: any } | { ok: false; code: ErrorCode };

async function attempt(call: () => Promise<unknown>): Promise<Actual> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code };
    throw err;
  }
}

let h: LedgerHarness;
let operations = 0;
/** What the runs exercised: outcome per operation ("spend:INSUFFICIENT_CREDITS", "grant:replayed", …). */
const coverage = new Map<string, number>();
const tally = (what: string) => coverage.set(what, (coverage.get(what) ?? 0) + 1);

beforeAll(async () => {
  h = await startLedgerHarness({ poolSize: 4 });
});

afterAll(async () => {
  await h?.close();
});

class Mismatch extends Error {}

/** One sequence: fresh tables, fresh users, a fresh model. */
async function runSequence(cmds: Cmd[]): Promise<void> {
  await resetLedger(h.sql);
  h.events.clear();
  const { service, clock, events, sql } = h;
  const model = new LedgerModel();
  const users: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const id = await insertUser(sql);
    users.push(id);
    model.addUser(id);
  }
  const ghost = '00000000-0000-4000-8000-00000000dead';
  const keyed: Array<Extract<Op, { op: 'grant' | 'spend' | 'hold' | 'refund' | 'settle' }>> = [];
  const trail: string[] = [];
  let keyN = 0;
  const newKey = () => `key-${++keyN}`;
  let step = 0;

  const fail = (message: string): never => {
    const accounts = users.map((id, i) => {
      const a = model.account(id);
      return `user ${i}: balance ${a.balance} held ${a.held} threshold ${a.threshold} alerted ${a.alerted}`;
    });
    throw new Mismatch(`step ${step}: ${message}\nmodel: ${accounts.join('; ')}\nlast steps:\n  ${trail.slice(-12).join('\n  ')}`);
  };
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (stringify(actual) !== stringify(expected)) fail(`${what}: service ${stringify(actual)}, model ${stringify(expected)}`);
  };

  async function apply(op: Op): Promise<void> {
    const now = clock.now().getTime();
    const changedBefore = events.changed.length;
    const lowBefore = events.low.length;
    operations += 1;
    let outcome: Outcome<any>;
    let actual: Actual;
    const u = 'userId' in op ? op.userId : 'input' in op ? op.input.userId : null;
    switch (op.op) {
      case 'grant': {
        const c = op.input;
        outcome = model.grant(c, now);
        actual = await attempt(() =>
          service.grant({
            userId: c.userId,
            source: c.source,
            amount: c.amount,
            idempotencyKey: c.key,
            actor: userActor(c.userId),
            expiresAt: c.expiresAt === null ? null : new Date(c.expiresAt),
            priority: c.priority,
          }),
        );
        break;
      }
      case 'spend': {
        const c = op.input;
        outcome = model.spend(c, now);
        actual = await attempt(() => service.spend({ userId: c.userId, amount: c.amount, idempotencyKey: c.key, actor: userActor(c.userId), type: c.type, description: c.description }));
        break;
      }
      case 'hold': {
        const c = op.input;
        outcome = model.hold(c, now);
        actual = await attempt(() => service.hold({ userId: c.userId, amount: c.amount, idempotencyKey: c.key, ttlSeconds: c.ttlSeconds ?? undefined }));
        break;
      }
      case 'settle': {
        const c = op.input;
        outcome = model.settle(c, now);
        actual = await attempt(() => service.settle({ userId: c.userId, holdId: c.holdId, amount: c.amount, actor: userActor(c.userId), description: 'completion' }));
        break;
      }
      case 'release':
        outcome = model.release(op.userId, op.holdId, now);
        actual = await attempt(() => service.release(op.userId, op.holdId));
        break;
      case 'refund': {
        const c = op.input;
        outcome = model.refund(c, now);
        actual = await attempt(() => service.refund({ userId: c.userId, entryId: c.entryId, amount: c.amount, reason: c.reason, idempotencyKey: c.key, actor: userActor(c.userId) }));
        break;
      }
      case 'threshold':
        outcome = model.setThreshold(op.userId, op.threshold, now);
        actual = await attempt(() => service.setLowBalanceThreshold(op.userId, op.threshold));
        break;
      case 'sweep': {
        const expected = model.sweep(now);
        const swept = await service.sweep();
        trail.push(`#${step} sweep at +${now} → ${stringify(swept)}`);
        same('sweep expired grants', swept.grants, expected.grants);
        same('sweep released holds', swept.holds, expected.holds);
        if (swept.accounts < expected.changed.length || swept.accounts > expected.processed.length) {
          fail(`sweep took up ${swept.accounts} accounts; the model expects ${expected.changed.length} to ${expected.processed.length}`);
        }
        const changed = events.changed.slice(changedBefore);
        for (const id of users) {
          const n = changed.filter((b) => b.userId === id).length;
          if (expected.changed.includes(id) && n !== 1) fail(`sweep: ${n} balanceChanged events for a user whose balance moved`);
          if (!expected.processed.includes(id) && n !== 0) fail(`sweep: balanceChanged for a user with nothing due`);
        }
        same('sweep lowBalance users', events.low.slice(lowBefore).map((b) => b.userId).sort(), [...expected.alerted].sort());
        tally(`sweep:${swept.grants > 0 ? 'expired grants' : swept.holds > 0 ? 'released holds' : 'nothing due'}`);
        return;
      }
    }
    trail.push(`#${step} ${stringify(op)} → ${actual.ok ? 'ok' : actual.code}`);
    tally(`${op.op}:${actual.ok ? (actual.value?.replayed ? 'replayed' : 'ok') : actual.code}`);
    if (!outcome.ok) {
      if (actual.ok) return fail(`${op.op}: service accepted ${stringify(actual.value)}; model refuses with ${outcome.code}`);
      same(`${op.op} error code`, actual.code, outcome.code);
    } else {
      if (!actual.ok) return fail(`${op.op}: service refused with ${actual.code}; model accepts ${stringify(outcome.expected)}`);
      const newId = checkResult(op, outcome, actual.value);
      outcome.commit(newId);
    }
    const changed = events.changed.slice(changedBefore);
    const low = events.low.slice(lowBefore);
    const expectChanged = outcome.ok && outcome.changed ? 1 : 0;
    const expectLow = outcome.ok && outcome.alert ? 1 : 0;
    if (changed.length !== expectChanged || changed.some((b) => b.userId !== u)) fail(`${op.op}: ${changed.length} balanceChanged events, expected ${expectChanged}`);
    if (low.length !== expectLow || low.some((b) => b.userId !== u)) fail(`${op.op}: ${low.length} lowBalance events, expected ${expectLow}`);
    if (changed.length === 1) {
      const mb = model.balance(u!);
      same('published balance', { balance: changed[0]!.balance, held: changed[0]!.held }, { balance: mb.balance, held: mb.held });
    }
  }

  /** Compares a successful result with the model's expectation; returns the id of what it created. */
  function checkResult(op: Op, outcome: Accepted<any>, value: any): string | null {
    switch (op.op) {
      case 'grant':
      case 'spend':
      case 'refund': {
        const e = outcome.expected as EntryExpectation;
        same(`${op.op} replayed`, value.replayed, e.replayed);
        same(`${op.op} entry type`, value.entry.type, e.type);
        same(`${op.op} entry amount`, value.entry.amount, e.amount);
        if (e.replayed) {
          same(`${op.op} replayed entry id`, value.entry.id, e.entryId);
        } else {
          same(`${op.op} balance after`, value.entry.balanceAfter, e.balanceAfter);
        }
        return value.entry.id;
      }
      case 'hold': {
        const e = outcome.expected;
        same('hold replayed', value.replayed, e.replayed);
        same('hold amount', value.hold.amount, e.amount);
        if (e.replayed) {
          same('replayed hold id', value.hold.id, e.holdId);
          same('replayed hold status', value.hold.status, e.status);
        } else {
          same('new hold status', value.hold.status, 'active');
          same('hold expiry', value.hold.expiresAt.getTime(), e.expiresAt);
        }
        return value.hold.id;
      }
      case 'settle': {
        const e = outcome.expected;
        same('settle replayed', value.replayed, e.replayed);
        same('settled hold', [value.hold.id, value.hold.status, value.hold.settledAmount], [e.holdId, 'settled', e.settledAmount]);
        same('settle entry amount', value.entry?.amount ?? null, e.entryAmount);
        if (e.entryId !== 'new') same('settle entry id', value.entry?.id ?? null, e.entryId);
        return value.entry?.id ?? null;
      }
      case 'release':
        same('released hold', [value.id, value.status], [op.holdId, outcome.expected.status]);
        return null;
      case 'threshold':
        same('threshold balance', value.balance, outcome.expected.balance);
        return null;
      case 'sweep':
        return null;
    }
  }

  /** The cheap per-step checks: balances through the service, and every grant, hold, entry count and alert count of the run's accounts. */
  async function checkState(): Promise<void> {
    for (const id of users) {
      const b = await service.balance(id);
      const mb = model.balance(id);
      same(`balance of user ${users.indexOf(id)}`, { balance: b.balance, held: b.held, available: b.available }, mb);
      if (b.available !== b.balance - b.held || b.held < 0n || b.held > b.balance) fail(`account invariant broken: ${stringify(b)}`);
    }
    const rows = await sql.query(
      `select 'grant' as kind, g.entry_id::text as id, g.remaining::text as value from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = any($1::uuid[])
       union all select 'hold', h.id::text, h.status from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = any($1::uuid[])
       union all select 'entries', a.user_id::text, (select count(*) from ledger_entry e where e.account_id = a.id)::text from credit_account a where a.user_id = any($1::uuid[])
       union all select 'alerts', a.user_id::text, (select count(*) from low_balance_alert l where l.account_id = a.id)::text from credit_account a where a.user_id = any($1::uuid[])`,
      [users],
    );
    const actual = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.value]));
    const expected = new Map<string, string>();
    for (const id of users) {
      const a = model.account(id);
      for (const g of a.grants) expected.set(`grant:${g.entryId}`, `${g.remaining}`);
      for (const hold of a.holds) expected.set(`hold:${hold.id}`, hold.status);
      expected.set(`entries:${id}`, `${a.entries.length}`);
      expected.set(`alerts:${id}`, `${a.alerts}`);
    }
    const diff = [...new Set([...actual.keys(), ...expected.keys()])].filter((k) => actual.get(k) !== expected.get(k));
    if (diff.length > 0) fail(`stored state differs from the model: ${diff.map((k) => `${k} service=${actual.get(k)} model=${expected.get(k)}`).join('; ')}`);
  }

  async function audit(): Promise<void> {
    const report = await auditLedger(sql);
    if (report.violations.length > 0) fail(`audit: ${report.violations.join('; ')}`);
  }

  /** Turns an abstract command into concrete operations, reading the model for what to aim at. */
  function concretise(c: Cmd): Op | null {
    const now = clock.now().getTime();
    const userOf = (u: number) => users[u]!;
    switch (c.t) {
      case 'grant':
        return { op: 'grant', input: { userId: userOf(c.u), source: c.source, amount: c.amount, key: newKey(), expiresAt: c.expiresIn === null ? null : now + c.expiresIn, priority: c.priority } };
      case 'spend':
        return { op: 'spend', input: { userId: userOf(c.u), amount: c.amount, key: newKey(), type: c.admin ? 'admin_deduct' : 'usage', description: c.admin ? 'admin adjustment' : 'completion' } };
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
        const hold = aimAtHold(owner, c.pick);
        if (!hold) return null;
        const amount = c.how === 'zero' ? 0n : c.how === 'all' ? hold.amount : c.how === 'over' ? hold.amount + 1n : (hold.amount * BigInt(c.permille)) / 1000n;
        return { op: 'settle', input: { userId: userOf(c.u), holdId: hold.id, amount } };
      }
      case 'release': {
        const owner = c.otherUser ? userOf((c.u + 1) % USERS) : userOf(c.u);
        const hold = aimAtHold(owner, c.pick);
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
  function aimAtHold(owner: string, n: number) {
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

  for (const cmd of cmds) {
    step += 1;
    clock.advance(1); // every grant gets its own creation instant, so "oldest" is well defined
    const op = concretise(cmd);
    if (op) {
      await apply(op);
      if (op.op === 'grant' || op.op === 'spend' || op.op === 'hold' || op.op === 'refund' || op.op === 'settle') keyed.push(op);
    } else {
      trail.push(`#${step} ${stringify(cmd)} (nothing to aim at)`);
    }
    await checkState();
    if (step % AUDIT_EVERY === 0) await audit();
  }
  await audit();
  coverage.set('expiry held back by holds', (coverage.get('expiry held back by holds') ?? 0) + model.heldBackExpiries);
}

describe('ledger against the reference model', () => {
  it(
    'agrees with the model after every step of long random command sequences, and the audit stays clean',
    async () => {
      const started = Date.now();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(cmdArb, { minLength: MIN_STEPS, maxLength: MAX_STEPS, size: 'max' }), async (cmds) => {
            await runSequence(cmds);
          }),
          { seed: SEED, numRuns: RUNS, path: PATH, endOnFailure: process.env.FC_SHRINK === '0' },
        );
      } catch (err) {
        console.error(`ledger property test failed; reproduce with FC_SEED=${SEED} (fast-check's report names the path for FC_PATH)`);
        throw err;
      }
      const summary = [...coverage].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`);
      console.info(`ledger property test: ${operations} operations in ${RUNS} sequences, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}\n  ${summary.join('\n  ')}`);
      if (!PATH && !process.env.FC_RUNS) expect(operations).toBeGreaterThanOrEqual(REQUIRED_OPERATIONS);
    },
    30 * 60_000,
  );
});
