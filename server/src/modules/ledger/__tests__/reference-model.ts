/**
 * An in-memory model of the credit ledger: the same rules as LedgerService, written the plainest
 * way (arrays, sorts and loops, no SQL), so the property test can run both side by side and
 * compare them after every step.
 *
 * Ids are the one thing the model cannot invent: a new entry or hold takes the id the service
 * returned (see `Accepted.commit`), and from then on the model predicts every replay by it.
 */
import { MAX_AMOUNT_MICRO, type GrantSource } from '../ledger.domain.js';
import { burn, expireDue } from './model-expiry.js';
import { append, cloneAccount, findHold, findReplay, positive, refuse, Refusal, save, sig, stateOf, UUID_RE, validKey } from './model-rules.js';
import { DEFAULT_PRIORITY, DEFAULT_THRESHOLD, DEFAULT_TTL_SECONDS, ENTRY_TYPE_OF_SOURCE, REFUND_PRIORITY } from './model-types.js';
import type { EntryExpectation, GrantInput, HoldExpectation, HoldInput, ModelAccount, ModelEntry, ModelGrant, ModelHold } from './model-types.js';
import type { Outcome, RefundInput, SettleExpectation, SettleInput, SpendInput } from './model-types.js';

// The model's API is this module's: its types and helpers live in model-types.ts, model-rules.ts and model-expiry.ts.
export { burnOrder } from './model-expiry.js';
export { DEFAULT_THRESHOLD, DEFAULT_TTL_SECONDS } from './model-types.js';
export type { Accepted, EntryExpectation, GrantInput, HoldExpectation, HoldInput, ModelAccount, ModelEntry, ModelGrant, ModelHold } from './model-types.js';
export type { Outcome, RefundInput, Refused, SettleExpectation, SettleInput, SpendInput } from './model-types.js';

export class LedgerModel {
  private readonly accounts = new Map<string, ModelAccount>();
  private serial = 0;
  /** Expiries cut short because active holds needed the credit (for the test's coverage summary). */
  heldBackExpiries = 0;

  addUser(userId: string): void {
    this.accounts.set(userId, {
      userId,
      balance: 0n,
      held: 0n,
      threshold: DEFAULT_THRESHOLD,
      alerted: false,
      grants: [],
      holds: [],
      entries: [],
      entryKeys: new Map(),
      holdKeys: new Map(),
      refunded: new Map(),
      alerts: 0,
    });
  }

  account(userId: string): ModelAccount {
    const a = this.accounts.get(userId);
    if (!a) throw new Error(`model has no user ${userId}`);
    return a;
  }

  balance(userId: string) {
    const a = this.account(userId);
    return { balance: a.balance, held: a.held, available: a.balance - a.held };
  }

  grant(cmd: GrantInput, now: number): Outcome<EntryExpectation> {
    return this.guard(() => {
      const amount = positive(cmd.amount);
      const key = validKey(cmd.key);
      const priority = cmd.priority ?? DEFAULT_PRIORITY[cmd.source];
      if (!Number.isInteger(priority) || priority < 0 || priority > 1000) refuse('BAD_USER_INPUT');
      const requestSig = sig('grant', cmd.source, amount, cmd.expiresAt, priority, `${cmd.source} credit`);
      return this.mutate(cmd.userId, now, (a) => {
        const replay = findReplay(a, key, requestSig);
        if (replay) return replay; // a retry after expiresAt still gets its first result
        if (cmd.expiresAt !== null && cmd.expiresAt <= now) refuse('BAD_USER_INPUT');
        const type = ENTRY_TYPE_OF_SOURCE[cmd.source];
        const entry = append(a, type, amount);
        const grant = this.addGrant(a, cmd.source, amount, priority, cmd.expiresAt, now);
        return {
          expected: { replayed: false as const, amount, balanceAfter: a.balance, type },
          bind: (id: string) => {
            entry.id = id;
            grant.entryId = id;
            a.entryKeys.set(key, { sig: requestSig, entry });
          },
        };
      });
    });
  }

  spend(cmd: SpendInput, now: number): Outcome<EntryExpectation> {
    return this.guard(() => {
      const amount = positive(cmd.amount);
      const key = validKey(cmd.key);
      if (cmd.description.trim().length === 0) refuse('BAD_USER_INPUT');
      const requestSig = sig('spend', cmd.type, amount, cmd.description.trim());
      return this.mutate(cmd.userId, now, (a) => {
        const replay = findReplay(a, key, requestSig);
        if (replay) return replay;
        if (amount > a.balance - a.held) refuse('INSUFFICIENT_CREDITS');
        const entry = append(a, cmd.type, -amount);
        burn(a, amount);
        return {
          expected: { replayed: false as const, amount: -amount, balanceAfter: a.balance, type: cmd.type },
          bind: (id: string) => {
            entry.id = id;
            a.entryKeys.set(key, { sig: requestSig, entry });
          },
        };
      });
    });
  }

  hold(cmd: HoldInput, now: number): Outcome<HoldExpectation> {
    return this.guard(() => {
      const amount = positive(cmd.amount);
      const key = validKey(cmd.key);
      const ttl = cmd.ttlSeconds ?? DEFAULT_TTL_SECONDS;
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 3600) refuse('BAD_USER_INPUT');
      const requestSig = sig('hold', amount, ttl);
      return this.mutate<HoldExpectation>(cmd.userId, now, (a) => {
        const existingId = a.holdKeys.get(key);
        if (existingId !== undefined) {
          const existing = a.holds.find((h) => h.id === existingId)!;
          if (existing.sig !== requestSig) refuse('IDEMPOTENCY_CONFLICT');
          return { expected: { replayed: true as const, holdId: existing.id, status: existing.status, amount: existing.amount }, bind: () => undefined };
        }
        if (amount > a.balance - a.held) refuse('INSUFFICIENT_CREDITS');
        a.held += amount;
        const hold: ModelHold = { id: '', amount, status: 'active', expiresAt: now + ttl * 1000, settledAmount: null, entryId: null, sig: requestSig };
        a.holds.push(hold);
        return {
          expected: { replayed: false as const, amount, expiresAt: hold.expiresAt },
          bind: (id: string) => {
            hold.id = id;
            a.holdKeys.set(key, id);
          },
        };
      });
    });
  }

  settle(cmd: SettleInput, now: number): Outcome<SettleExpectation> {
    return this.guard(() => {
      if (cmd.amount < 0n) refuse('BAD_USER_INPUT');
      return this.mutate<SettleExpectation>(cmd.userId, now, (a) => {
        const hold = findHold(a, cmd.holdId);
        if (hold.status === 'settled') {
          if (hold.settledAmount !== cmd.amount) refuse('IDEMPOTENCY_CONFLICT');
          const entryAmount = hold.entryId ? -cmd.amount : null;
          return { expected: { replayed: true, holdId: hold.id, settledAmount: cmd.amount, entryId: hold.entryId, entryAmount }, bind: () => undefined };
        }
        if (hold.status !== 'active' && hold.status !== 'expired') refuse('BAD_USER_INPUT');
        if (cmd.amount > hold.amount) refuse('BAD_USER_INPUT');
        // A lapsed hold no longer reserves anything: it is charged from the available balance, or refused whole.
        if (hold.status === 'active') a.held -= hold.amount;
        else if (cmd.amount > a.balance - a.held) refuse('INSUFFICIENT_CREDITS');
        hold.status = 'settled';
        hold.settledAmount = cmd.amount;
        let entry: ModelEntry | null = null;
        if (cmd.amount > 0n) {
          entry = append(a, 'usage', -cmd.amount);
          burn(a, cmd.amount);
        }
        return {
          expected: {
            replayed: false,
            holdId: hold.id,
            settledAmount: cmd.amount,
            entryId: entry ? ('new' as const) : null,
            entryAmount: entry ? -cmd.amount : null,
          },
          bind: (id: string | null) => {
            if (entry) {
              entry.id = id;
              hold.entryId = id;
            }
          },
        };
      });
    });
  }

  release(userId: string, holdId: string, now: number): Outcome<{ holdId: string; status: string }> {
    return this.guard(() =>
      this.mutate(userId, now, (a) => {
        const hold = findHold(a, holdId);
        // Released already: harmless. Lapsed: its credit is back already; it becomes released (never settleable).
        if (hold.status === 'released') return { expected: { holdId, status: 'released' }, bind: () => undefined };
        if (hold.status === 'expired') {
          hold.status = 'released';
          return { expected: { holdId, status: 'released' }, bind: () => undefined };
        }
        if (hold.status !== 'active') refuse('BAD_USER_INPUT');
        a.held -= hold.amount;
        hold.status = 'released';
        return { expected: { holdId, status: 'released' }, bind: () => undefined };
      }),
    );
  }

  refund(cmd: RefundInput, now: number): Outcome<EntryExpectation> {
    return this.guard(() => {
      const key = validKey(cmd.key);
      if (cmd.reason.trim().length === 0) refuse('BAD_USER_INPUT');
      if (cmd.amount !== null) positive(cmd.amount);
      if (!UUID_RE.test(cmd.entryId)) refuse('NOT_FOUND');
      const requestSig = sig('refund', cmd.entryId, cmd.amount, cmd.reason.trim());
      return this.mutate(cmd.userId, now, (a) => {
        const replay = findReplay(a, key, requestSig);
        if (replay) return replay;
        const spent = a.entries.find((e) => e.id === cmd.entryId) ?? refuse('NOT_FOUND');
        if (spent.type !== 'usage' && spent.type !== 'admin_deduct') refuse('BAD_USER_INPUT');
        const refundable = -spent.amount - (a.refunded.get(cmd.entryId) ?? 0n);
        const amount = cmd.amount ?? refundable;
        if (amount <= 0n || amount > refundable) refuse('BAD_USER_INPUT');
        a.refunded.set(cmd.entryId, (a.refunded.get(cmd.entryId) ?? 0n) + amount);
        const entry = append(a, 'refund', amount);
        const grant = this.addGrant(a, 'refund', amount, REFUND_PRIORITY, null, now);
        return {
          expected: { replayed: false as const, amount, balanceAfter: a.balance, type: 'refund' as const },
          bind: (id: string) => {
            entry.id = id;
            grant.entryId = id;
            a.entryKeys.set(key, { sig: requestSig, entry });
          },
        };
      });
    });
  }

  setThreshold(userId: string, threshold: bigint, now: number): Outcome<{ balance: bigint }> {
    return this.guard(() => {
      if (threshold < 0n || threshold > MAX_AMOUNT_MICRO) refuse('BAD_USER_INPUT');
      return this.mutate(userId, now, (a) => {
        a.threshold = threshold;
        a.alerted = a.balance < threshold;
        return { expected: { balance: a.balance }, bind: () => undefined };
      });
    });
  }

  /** Which accounts a sweep at `now` takes up: any with a grant or hold past its deadline. */
  dueAccounts(now: number): string[] {
    return [...this.accounts.values()]
      .filter(
        (a) =>
          a.grants.some((g) => g.remaining > 0n && g.expiresAt !== null && g.expiresAt <= now) ||
          a.holds.some((h) => h.status === 'active' && h.expiresAt <= now),
      )
      .map((a) => a.userId);
  }

  /** The sweeper: every due account, each in its own transaction, saved (and alerted) whether or not anything moved. */
  sweep(now: number): { grants: number; holds: number; processed: string[]; changed: string[]; alerted: string[] } {
    const totals = { grants: 0, holds: 0, processed: [] as string[], changed: [] as string[], alerted: [] as string[] };
    for (const userId of this.dueAccounts(now)) {
      const a = this.account(userId);
      const lockedBalance = a.balance;
      const before = stateOf(a);
      const expired = this.expire(a, now);
      totals.grants += expired.grants;
      totals.holds += expired.holds;
      totals.processed.push(userId);
      if (stateOf(a) !== before) totals.changed.push(userId);
      if (save(a, lockedBalance)) totals.alerted.push(userId);
    }
    return totals;
  }

  // ---- the rules every operation shares ----

  private guard<E>(fn: () => Outcome<E>): Outcome<E> {
    try {
      return fn();
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, code: err.code };
      throw err;
    }
  }

  /**
   * One transaction: lock (a copy of) the account, expire what is due, apply the change; a refusal
   * anywhere throws the copy away, expiry included, exactly as a rolled-back transaction would.
   */
  private mutate<E>(userId: string, now: number, fn: (a: ModelAccount) => { expected: E; bind: (id: any) => void }): Outcome<E> {
    const current = this.accounts.get(userId) ?? refuse('NOT_FOUND');
    const a = cloneAccount(current);
    const lockedBalance = a.balance;
    const before = stateOf(a);
    this.expire(a, now);
    const { expected, bind } = fn(a);
    const changed = stateOf(a) !== before;
    const alert = changed ? save(a, lockedBalance) : false;
    return {
      ok: true,
      expected,
      changed,
      alert,
      commit: (newId) => {
        bind(newId);
        this.accounts.set(userId, a);
      },
    };
  }

  /** Expires what is due on the account, counting the expiries that holds cut short. */
  private expire(a: ModelAccount, now: number): { grants: number; holds: number } {
    const { grants, holds, heldBack } = expireDue(a, now);
    this.heldBackExpiries += heldBack;
    return { grants, holds };
  }

  private addGrant(a: ModelAccount, source: GrantSource, amount: bigint, priority: number, expiresAt: number | null, now: number): ModelGrant {
    const grant: ModelGrant = { entryId: '', source, amount, remaining: amount, priority, expiresAt, createdAt: now, serial: ++this.serial };
    a.grants.push(grant);
    return grant;
  }
}
