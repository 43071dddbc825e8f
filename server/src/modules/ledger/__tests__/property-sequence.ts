/**
 * One sequence of the property test (see ledger.property.test.ts): its commands applied to the real
 * LedgerService and to the reference model side by side, compared after every step.
 */
import { DomainError, type ErrorCode } from '../../../platform/errors.js';
import { auditLedger } from '../ledger.audit.js';
import { insertUser, resetLedger, stringify, userActor, type LedgerHarness } from './ledger-harness.js';
import { checkResult } from './property-checks.js';
import { USERS, type Cmd } from './property-commands.js';
import { concretise, type KeyedOp, type Op, type RunState } from './property-concretise.js';
import { LedgerModel, type Outcome } from './reference-model.js';

const AUDIT_EVERY = 50;

type Actual = { ok: true; value: any } | { ok: false; code: ErrorCode };

async function attempt(call: () => Promise<unknown>): Promise<Actual> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code };
    throw err;
  }
}

/**
 * What the runs exercised, over every sequence: the operations applied, and the outcome per
 * operation ("spend:INSUFFICIENT_CREDITS", "grant:replayed", …).
 */
export const totals = { operations: 0, coverage: new Map<string, number>() };
const tally = (what: string) => totals.coverage.set(what, (totals.coverage.get(what) ?? 0) + 1);

class Mismatch extends Error {}

/** One sequence: fresh tables, fresh users, a fresh model. */
export async function runSequence(h: LedgerHarness, cmds: Cmd[]): Promise<void> {
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
  const keyed: KeyedOp[] = [];
  const trail: string[] = [];
  let keyN = 0;
  const newKey = () => `key-${++keyN}`;
  const run: RunState = { model, users, clock, keyed, newKey };
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
    totals.operations += 1;
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
        actual = await attempt(() =>
          service.spend({ userId: c.userId, amount: c.amount, idempotencyKey: c.key, actor: userActor(c.userId), type: c.type, description: c.description }),
        );
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
        actual = await attempt(() =>
          service.settle({ userId: c.userId, holdId: c.holdId, amount: c.amount, actor: userActor(c.userId), description: 'completion' }),
        );
        break;
      }
      case 'release':
        outcome = model.release(op.userId, op.holdId, now);
        actual = await attempt(() => service.release(op.userId, op.holdId));
        break;
      case 'refund': {
        const c = op.input;
        outcome = model.refund(c, now);
        actual = await attempt(() =>
          service.refund({ userId: c.userId, entryId: c.entryId, amount: c.amount, reason: c.reason, idempotencyKey: c.key, actor: userActor(c.userId) }),
        );
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
        same(
          'sweep lowBalance users',
          events.low
            .slice(lowBefore)
            .map((b) => b.userId)
            .sort(),
          [...expected.alerted].sort(),
        );
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
      const newId = checkResult(op, outcome, actual.value, same);
      outcome.commit(newId);
    }
    const changed = events.changed.slice(changedBefore);
    const low = events.low.slice(lowBefore);
    const expectChanged = outcome.ok && outcome.changed ? 1 : 0;
    const expectLow = outcome.ok && outcome.alert ? 1 : 0;
    if (changed.length !== expectChanged || changed.some((b) => b.userId !== u))
      fail(`${op.op}: ${changed.length} balanceChanged events, expected ${expectChanged}`);
    if (low.length !== expectLow || low.some((b) => b.userId !== u)) fail(`${op.op}: ${low.length} lowBalance events, expected ${expectLow}`);
    if (changed.length === 1) {
      const mb = model.balance(u!);
      same('published balance', { balance: changed[0]!.balance, held: changed[0]!.held }, { balance: mb.balance, held: mb.held });
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

  for (const cmd of cmds) {
    step += 1;
    clock.advance(1); // every grant gets its own creation instant, so "oldest" is well defined
    const op = concretise(cmd, run);
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
  totals.coverage.set('expiry held back by holds', (totals.coverage.get('expiry held back by holds') ?? 0) + model.heldBackExpiries);
}
