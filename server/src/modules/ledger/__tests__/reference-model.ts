/**
 * An in-memory model of the credit ledger: the same rules as LedgerService, written the plainest
 * way (arrays, sorts and loops, no SQL), so the property test can run both side by side and
 * compare them after every step.
 *
 * Ids are the one thing the model cannot invent: a new entry or hold takes the id the service
 * returned (see `Accepted.commit`), and from then on the model predicts every replay by it.
 */
import type { ErrorCode } from '../../../platform/errors.js';
import { MAX_AMOUNT_MICRO, type EntryType, type GrantSource, type HoldStatus } from '../ledger.domain.js';

export const DEFAULT_THRESHOLD = 5_000_000n;
export const DEFAULT_TTL_SECONDS = 15 * 60;
/** Written out again rather than imported, so a change to the service's table shows up as a difference. */
const DEFAULT_PRIORITY: Record<GrantSource, number> = { signup: 10, coupon: 10, rollover: 20, subscription: 30, admin: 40, refund: 50, purchase: 60 };
const REFUND_PRIORITY = 50;

export interface ModelGrant {
  /** The id of the entry that created it (the service's id). */
  entryId: string;
  source: GrantSource;
  amount: bigint;
  remaining: bigint;
  priority: number;
  expiresAt: number | null;
  createdAt: number;
  /** Creation order, the tie-break after createdAt. */
  serial: number;
}

export interface ModelHold {
  id: string;
  amount: bigint;
  status: HoldStatus;
  expiresAt: number;
  settledAmount: bigint | null;
  entryId: string | null;
  sig: string;
}

export interface ModelEntry {
  /** Null for the expiry entries the service writes on its own (their ids are never returned). */
  id: string | null;
  type: EntryType;
  amount: bigint;
  balanceAfter: bigint;
}

export interface ModelAccount {
  userId: string;
  balance: bigint;
  held: bigint;
  threshold: bigint;
  alerted: boolean;
  grants: ModelGrant[];
  holds: ModelHold[];
  entries: ModelEntry[];
  /** Entry idempotency keys (grant, spend, refund share one namespace per account). */
  entryKeys: Map<string, { sig: string; entry: ModelEntry }>;
  holdKeys: Map<string, string>;
  /** Sum refunded per spend entry id. */
  refunded: Map<string, bigint>;
  alerts: number;
}

export type Refused = { ok: false; code: ErrorCode };

export interface Accepted<E> {
  ok: true;
  expected: E;
  /** The account's balance, held amount, threshold or alert state moved (so balanceChanged fires). */
  changed: boolean;
  /** A low-balance alert fires. */
  alert: boolean;
  /** Makes the change part of the model, giving new objects the id the service chose. */
  commit(newId: string | null): void;
}

export type Outcome<E> = Refused | Accepted<E>;

export type EntryExpectation =
  | { replayed: true; entryId: string; amount: bigint; type: EntryType }
  | { replayed: false; amount: bigint; balanceAfter: bigint; type: EntryType };

export type HoldExpectation = { replayed: true; holdId: string; status: HoldStatus; amount: bigint } | { replayed: false; amount: bigint; expiresAt: number };

export type SettleExpectation = { replayed: boolean; holdId: string; settledAmount: bigint; entryId: string | null | 'new'; entryAmount: bigint | null };

export interface GrantInput {
  userId: string;
  source: GrantSource;
  amount: bigint;
  key: string;
  expiresAt: number | null;
  priority: number | null;
}
export interface SpendInput {
  userId: string;
  amount: bigint;
  key: string;
  type: 'usage' | 'admin_deduct';
  description: string;
}
export interface HoldInput {
  userId: string;
  amount: bigint;
  key: string;
  ttlSeconds: number | null;
}
export interface SettleInput {
  userId: string;
  holdId: string;
  amount: bigint;
}
export interface RefundInput {
  userId: string;
  entryId: string;
  amount: bigint | null;
  key: string;
  reason: string;
}

class Refusal extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}
const refuse = (code: ErrorCode): never => {
  throw new Refusal(code);
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function positive(amount: bigint): bigint {
  if (amount <= 0n || amount > MAX_AMOUNT_MICRO) refuse('BAD_USER_INPUT');
  return amount;
}

function validKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200) refuse('BAD_USER_INPUT');
  return trimmed;
}

const sig = (...parts: unknown[]) => JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? `${v}` : v));

/** priority, soonest expiry (never last), oldest. */
export function burnOrder(a: ModelGrant, b: ModelGrant): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const ea = a.expiresAt ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.serial - b.serial;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

function cloneAccount(a: ModelAccount): ModelAccount {
  const entries = a.entries.map((e) => ({ ...e }));
  const byOld = new Map(a.entries.map((e, i) => [e, entries[i]!]));
  return {
    ...a,
    grants: a.grants.map((g) => ({ ...g })),
    holds: a.holds.map((h) => ({ ...h })),
    entries,
    entryKeys: new Map([...a.entryKeys].map(([k, v]) => [k, { sig: v.sig, entry: byOld.get(v.entry)! }])),
    holdKeys: new Map(a.holdKeys),
    refunded: new Map(a.refunded),
  };
}

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
        const replay = this.replay(a, key, requestSig);
        if (replay) return replay; // a retry after expiresAt still gets its first result
        if (cmd.expiresAt !== null && cmd.expiresAt <= now) refuse('BAD_USER_INPUT');
        const type = ENTRY_TYPE_OF_SOURCE[cmd.source];
        const entry = this.append(a, type, amount);
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
        const replay = this.replay(a, key, requestSig);
        if (replay) return replay;
        if (amount > a.balance - a.held) refuse('INSUFFICIENT_CREDITS');
        const entry = this.append(a, cmd.type, -amount);
        this.burn(a, amount);
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
        const hold = this.findHold(a, cmd.holdId);
        if (hold.status === 'settled') {
          if (hold.settledAmount !== cmd.amount) refuse('IDEMPOTENCY_CONFLICT');
          const entryAmount = hold.entryId ? -cmd.amount : null;
          return { expected: { replayed: true, holdId: hold.id, settledAmount: cmd.amount, entryId: hold.entryId, entryAmount }, bind: () => undefined };
        }
        if (hold.status !== 'active') refuse('BAD_USER_INPUT');
        if (cmd.amount > hold.amount) refuse('BAD_USER_INPUT');
        a.held -= hold.amount;
        hold.status = 'settled';
        hold.settledAmount = cmd.amount;
        let entry: ModelEntry | null = null;
        if (cmd.amount > 0n) {
          entry = this.append(a, 'usage', -cmd.amount);
          this.burn(a, cmd.amount);
        }
        return {
          expected: { replayed: false, holdId: hold.id, settledAmount: cmd.amount, entryId: entry ? ('new' as const) : null, entryAmount: entry ? -cmd.amount : null },
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
        const hold = this.findHold(a, holdId);
        // Released already, by the caller or by lapsing: releasing again is harmless.
        if (hold.status === 'released' || hold.status === 'expired') return { expected: { holdId, status: hold.status }, bind: () => undefined };
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
        const replay = this.replay(a, key, requestSig);
        if (replay) return replay;
        const spent = a.entries.find((e) => e.id === cmd.entryId) ?? refuse('NOT_FOUND');
        if (spent.type !== 'usage' && spent.type !== 'admin_deduct') refuse('BAD_USER_INPUT');
        const refundable = -spent.amount - (a.refunded.get(cmd.entryId) ?? 0n);
        const amount = cmd.amount ?? refundable;
        if (amount <= 0n || amount > refundable) refuse('BAD_USER_INPUT');
        a.refunded.set(cmd.entryId, (a.refunded.get(cmd.entryId) ?? 0n) + amount);
        const entry = this.append(a, 'refund', amount);
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
      .filter((a) => a.grants.some((g) => g.remaining > 0n && g.expiresAt !== null && g.expiresAt <= now) || a.holds.some((h) => h.status === 'active' && h.expiresAt <= now))
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
      if (this.save(a, lockedBalance)) totals.alerted.push(userId);
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
    const alert = changed ? this.save(a, lockedBalance) : false;
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

  /** Saving an account: a fall from at-or-above the threshold to below it fires one alert. */
  private save(a: ModelAccount, lockedBalance: bigint): boolean {
    const below = a.balance < a.threshold;
    const fire = below && !a.alerted && a.balance < lockedBalance;
    a.alerted = below;
    if (fire) a.alerts += 1;
    return fire;
  }

  /** Holds past their deadline are released first; then each grant past its expiry, in burn order, loses what holds leave free. */
  private expire(a: ModelAccount, now: number): { grants: number; holds: number } {
    let holds = 0;
    for (const h of a.holds) {
      if (h.status === 'active' && h.expiresAt <= now) {
        h.status = 'expired';
        a.held -= h.amount;
        holds += 1;
      }
    }
    let grants = 0;
    const due = a.grants.filter((g) => g.remaining > 0n && g.expiresAt !== null && g.expiresAt <= now).sort(burnOrder);
    for (const g of due) {
      const take = min(g.remaining, a.balance - a.held);
      if (take < g.remaining) this.heldBackExpiries += 1;
      if (take <= 0n) break;
      g.remaining -= take;
      this.append(a, 'expiry', -take);
      grants += 1;
    }
    return { grants, holds };
  }

  private burn(a: ModelAccount, amount: bigint): void {
    let left = amount;
    for (const g of a.grants.filter((x) => x.remaining > 0n).sort(burnOrder)) {
      if (left === 0n) break;
      const draw = min(g.remaining, left);
      g.remaining -= draw;
      left -= draw;
    }
    if (left !== 0n) throw new Error(`model: grants do not cover a burn of ${amount}`);
  }

  private append(a: ModelAccount, type: EntryType, amount: bigint): ModelEntry {
    a.balance += amount;
    const entry: ModelEntry = { id: null, type, amount, balanceAfter: a.balance };
    a.entries.push(entry);
    return entry;
  }

  private addGrant(a: ModelAccount, source: GrantSource, amount: bigint, priority: number, expiresAt: number | null, now: number): ModelGrant {
    const grant: ModelGrant = { entryId: '', source, amount, remaining: amount, priority, expiresAt, createdAt: now, serial: ++this.serial };
    a.grants.push(grant);
    return grant;
  }

  private replay(a: ModelAccount, key: string, requestSig: string): { expected: EntryExpectation; bind: () => void } | null {
    const found = a.entryKeys.get(key);
    if (!found) return null;
    if (found.sig !== requestSig) refuse('IDEMPOTENCY_CONFLICT');
    return { expected: { replayed: true, entryId: found.entry.id!, amount: found.entry.amount, type: found.entry.type }, bind: () => undefined };
  }

  private findHold(a: ModelAccount, holdId: string): ModelHold {
    if (!UUID_RE.test(holdId)) refuse('NOT_FOUND');
    return a.holds.find((h) => h.id === holdId) ?? refuse('NOT_FOUND');
  }
}

const stateOf = (a: ModelAccount) => `${a.balance}/${a.held}/${a.threshold}/${a.alerted}`;

const ENTRY_TYPE_OF_SOURCE: Record<GrantSource, EntryType> = {
  signup: 'signup_bonus',
  purchase: 'purchase',
  subscription: 'subscription',
  coupon: 'coupon',
  admin: 'admin_grant',
  refund: 'refund',
  rollover: 'rollover',
};
