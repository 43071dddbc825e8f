import { randomUUID } from 'node:crypto';
import { BadUserInputError, IdempotencyConflictError, InsufficientCreditsError, NotFoundError } from '../../platform/errors.js';
import type { Row, Sql } from '../../platform/sql.js';
import { appendEntry, toBalance, type LockedAccount } from './ledger.account.js';
import { isUuid } from '../../platform/ids.js';
import { burnGrants } from './ledger.burn.js';
import type { Guard } from './ledger.hold.js';
import { quickHold } from './ledger.hold-capped.js';
import { settleCharge, settleInOne } from './ledger.settle.js';
import { RENEW_HOLDS } from './ledger.leases.js';
import { refundOperation } from './ledger.refund.js';
import { sweepDue } from './ledger.sweeper.js';
import { LedgerCore } from './ledger.core.js';
import {
  DEFAULT_PRIORITY,
  ENTRY_TYPE_OF_SOURCE,
  MAX_AMOUNT_MICRO,
  type Balance,
  type CreditHold,
  type EntryResult,
  type LedgerEntry,
} from './ledger.domain.js';
import { HOLD_COLUMNS, toHold } from './ledger.rows.js';
import { findEntry, findHold, insertGrant, replayEntry } from './ledger.queries.js';
import { idempotencyKey, positiveAmount, text } from './ledger.validate.js';
import { requestHash } from '../../platform/request-hash.js';
import type { GrantCommand, HoldCommand, RefundCommand, SettleCommand, SpendCommand, Within } from './ledger.commands.js';

export type { Guard } from './ledger.hold.js';
export type { Companion } from './ledger.settle.js';
export type { GrantCommand, HoldCommand, LedgerEvents, RefundCommand, SettleCommand, SpendCommand, Within } from './ledger.commands.js';

const LAPSED_UNCOVERED = "This call's credit reservation lapsed while it ran, and the available balance no longer covers its cost; nothing was charged";

/**
 * The credit ledger. Each public method is one PostgreSQL transaction on one account: it locks the
 * account row, expires what is due, checks idempotency, applies the change, writes the account
 * back, commits, and only then publishes. Nothing reads a balance and writes it in another step.
 */
export class LedgerService extends LedgerCore {
  async grant(cmd: GrantCommand): Promise<EntryResult> {
    const { now, apply } = this.grantOperation(cmd);
    return this.mutate(cmd.userId, now, apply);
  }

  /**
   * The same grant, inside a transaction the caller owns (a Stripe event's), so the credit and the
   * caller's own records commit or roll back together. The caller calls `published()` after its
   * commit: the balance event must never announce a change that then rolled back.
   */
  async grantWithin(tx: Sql, cmd: GrantCommand): Promise<{ result: EntryResult; published: () => void }> {
    const { now, apply } = this.grantOperation(cmd);
    const { result, saved } = await this.applyLocked(tx, cmd.userId, now, apply);
    return { result, published: () => saved && this.publish(saved) };
  }

  /**
   * A ledger operation of another module's own (a rollover, a clawback) on one account, inside a
   * transaction the caller owns: the account is locked and its due expiries applied before `fn`
   * runs, and saved after it. `fn` changes `account.balance`/`held` only through the ledger's own
   * helpers (appendEntry, insertGrant, burnGrants), so the invariants hold. The caller calls
   * `published()` after its commit.
   */
  async applyWithin<T>(tx: Sql, userId: string, fn: (tx: Sql, account: LockedAccount, now: Date) => Promise<T>): Promise<{ result: T; published: () => void }> {
    const now = this.clock.now();
    const { result, saved } = await this.applyLocked(tx, userId, now, (t, account) => fn(t, account, now));
    return { result, published: () => saved && this.publish(saved) };
  }

  private grantOperation(cmd: GrantCommand) {
    const amount = positiveAmount(cmd.amount);
    const key = idempotencyKey(cmd.idempotencyKey);
    const now = this.clock.now();
    const priority = cmd.priority ?? DEFAULT_PRIORITY[cmd.source];
    if (!Number.isInteger(priority) || priority < 0 || priority > 1000) throw new BadUserInputError('priority must be 0 to 1000', 'priority');
    const reference = text(cmd.reference, 'reference', { max: 200 });
    const description = text(cmd.description, 'description') ?? `${cmd.source} credit`;
    const hash = requestHash('grant', { source: cmd.source, amount, expiresAt: cmd.expiresAt ?? null, priority, reference, description });
    const apply = async (tx: Sql, account: LockedAccount): Promise<EntryResult> => {
      const replay = await replayEntry(tx, account.id, key, hash);
      if (replay) return replay; // before the expiry check: a retry after expiresAt still gets its first result
      if (cmd.expiresAt && cmd.expiresAt.getTime() <= now.getTime()) throw new BadUserInputError('expiresAt must be in the future', 'expiresAt');
      const entry = await appendEntry(
        tx,
        account,
        { type: ENTRY_TYPE_OF_SOURCE[cmd.source], amount, actor: cmd.actor, reference, description, idempotencyKey: key, requestHash: hash },
        now,
      );
      await insertGrant(tx, {
        accountId: account.id,
        entryId: entry.id,
        source: cmd.source,
        amount,
        priority,
        expiresAt: cmd.expiresAt ?? null,
        reference,
        refundOf: null,
        now,
      });
      return { entry, replayed: false };
    };
    return { now, apply };
  }

  async spend(cmd: SpendCommand): Promise<EntryResult> {
    const amount = positiveAmount(cmd.amount);
    const key = idempotencyKey(cmd.idempotencyKey);
    const type = cmd.type ?? 'usage';
    const reference = text(cmd.reference, 'reference', { max: 200 });
    const description = text(cmd.description, 'description', { required: true })!;
    const hash = requestHash('spend', { type, amount, reference, description });
    const now = this.clock.now();
    return this.mutate(cmd.userId, now, async (tx, account) => {
      const replay = await replayEntry(tx, account.id, key, hash);
      if (replay) return replay;
      const available = account.balance - account.held;
      if (amount > available) throw new InsufficientCreditsError(amount, available);
      const entry = await appendEntry(
        tx,
        account,
        {
          type,
          amount: -amount,
          actor: cmd.actor,
          reference,
          description,
          idempotencyKey: key,
          requestHash: hash,
          memberId: cmd.memberId,
          apiKeyId: cmd.apiKeyId,
        },
        now,
      );
      await burnGrants(tx, account.id, amount, entry.id);
      await cmd.within?.(tx, entry);
      return { entry, replayed: false, balance: toBalance(account) };
    });
  }

  /** Reserves `amount` of the available balance until settled, released or expired. */
  async hold(cmd: HoldCommand): Promise<{ hold: CreditHold; replayed: boolean }> {
    const h = this.newHold(cmd);
    // The common case in one statement (ledger.hold.ts, capped: ledger.hold-capped.ts); anything else takes the general path.
    const quick = await quickHold(this.sql, h);
    if (quick.hold) {
      this.publish({ balance: quick.balance, alert: null });
      return { hold: quick.hold, replayed: false };
    }
    return this.holdGeneral(h);
  }

  /**
   * A hold under another module's guard, read in the same statement (ledger.hold.ts, Guard): what to
   * hold is the guard's `g_amount`; when its `g_ok` is false nothing is written and `hold` is null.
   * `guard` is the guard's row (null only when the general path ran without it: a concurrent key).
   */
  async holdGuarded(cmd: HoldCommand, guard: Guard): Promise<{ hold: CreditHold | null; replayed: boolean; guard: Row | null }> {
    const h = this.newHold(cmd);
    const quick = await quickHold(this.sql, h, guard);
    if (quick.hold) {
      if (!cmd.quiet) this.publish({ balance: quick.balance, alert: null });
      return { hold: quick.hold, replayed: false, guard: quick.guard };
    }
    if (quick.guard && !quick.guard.g_ok) return { hold: null, replayed: false, guard: quick.guard };
    const amount = quick.guard ? positiveAmount(BigInt(quick.guard.g_amount)) : h.amount;
    return { ...(await this.holdGeneral({ ...h, amount })), guard: quick.guard };
  }

  /**
   * Charges the actual cost (≤ the hold) and releases the rest. Settling twice with the same amount
   * returns the first result. `balance` is the account as this transaction left it, so a caller
   * needs no second read (one round trip fewer, and nothing after the commit left to fail).
   *
   * A hold that lapsed (`expired`: its process stalled past the lease, nobody gave it back) is still
   * settled when the available balance covers the cost, as a plain usage entry (`lapsed: true`);
   * otherwise INSUFFICIENT_CREDITS and nothing moves. A `released` hold is never settled
   * (docs/decisions/0012, "A hold that lapsed under a live call").
   */
  async settle(cmd: SettleCommand): Promise<{ hold: CreditHold; entry: LedgerEntry | null; replayed: boolean; lapsed: boolean; balance: Balance }> {
    if (typeof cmd.amount !== 'bigint' || cmd.amount < 0n) throw new BadUserInputError('Amount must not be negative', 'amount');
    const description = text(cmd.description, 'description', { required: true })!;
    const reference = text(cmd.reference, 'reference', { max: 200 });
    const now = this.clock.now();
    // The common case in one round trip (ledger.settle.ts, settleInOne); anything else takes the general path below.
    if (!cmd.within && isUuid(cmd.userId) && isUuid(cmd.holdId)) {
      const fast = await settleInOne(
        this.sql,
        { userId: cmd.userId, holdId: cmd.holdId, amount: cmd.amount, actor: cmd.actor, reference: reference ?? `hold:${cmd.holdId}`, description, now },
        cmd.companion,
      );
      if (fast) {
        this.publish({ balance: fast.balance, alert: fast.fired });
        return { hold: fast.hold, entry: fast.entry, replayed: false, lapsed: false, balance: fast.balance };
      }
    }
    return this.mutate(cmd.userId, now, async (tx, account) => {
      const hold = await findHold(tx, account.id, cmd.holdId);
      if (hold.status === 'settled') {
        if (hold.settledAmount !== cmd.amount) throw new IdempotencyConflictError(`settle:${hold.id}`);
        const entry = hold.entryId ? await findEntry(tx, account.id, hold.entryId) : null;
        return { hold, entry, replayed: true, lapsed: false, balance: toBalance(account) };
      }
      if (hold.status !== 'active' && hold.status !== 'expired') throw new BadUserInputError(`Hold is ${hold.status}; it can no longer be settled`, 'holdId');
      if (cmd.amount > hold.amount) throw new BadUserInputError('Cannot settle more than was held', 'amount');
      const lapsed = hold.status === 'expired';
      if (!lapsed) account.held -= hold.amount;
      // A lapsed hold's credit went back to the available balance when it expired: charge from there, or not at all.
      else if (cmd.amount > account.balance - account.held) throw new InsufficientCreditsError(cmd.amount, account.balance - account.held, LAPSED_UNCOVERED);
      // No idempotency key of its own: the hold row, settled once under the lock, is the key.
      // A charge is one statement: entry, burn and the hold marked settled (ledger.settle.ts).
      const charged =
        cmd.amount > 0n
          ? await settleCharge(tx, account, {
              holdId: hold.id,
              amount: cmd.amount,
              actor: cmd.actor,
              reference: reference ?? `hold:${hold.id}`,
              description,
              now,
            })
          : null;
      const settled =
        charged?.hold ??
        toHold(
          (
            await tx.query(
              `update credit_hold set status = 'settled', settled_amount = 0, entry_id = null, closed_at = $2 where id = $1 returning ${HOLD_COLUMNS}`,
              [hold.id, now],
            )
          )[0]!,
        );
      const entry = charged?.entry ?? null;
      if (cmd.companion) await tx.query(`with g as (select 1), ${cmd.companion.ctes(1, 'g')} select 1`, cmd.companion.params);
      await cmd.within?.(tx, entry);
      return { hold: settled, entry, replayed: false, lapsed, balance: toBalance(account) };
    });
  }

  /**
   * Gives a hold back whole (the provider call failed). Releasing twice is harmless. A hold that
   * lapsed has given its credit back already; releasing it marks it `released`, so that it can no
   * longer be settled, and runs `within` once.
   */
  async release(userId: string, holdId: string, within?: Within): Promise<CreditHold> {
    const now = this.clock.now();
    return this.mutate(userId, now, async (tx, account) => {
      const hold = await findHold(tx, account.id, holdId);
      if (hold.status === 'released') return hold; // a replay: nothing moves, `within` is not run again
      if (hold.status === 'expired') {
        const rows = await tx.query(`update credit_hold set status = 'released' where id = $1 returning ${HOLD_COLUMNS}`, [hold.id]);
        await within?.(tx, null);
        return toHold(rows[0]!);
      }
      if (hold.status !== 'active') throw new BadUserInputError(`Hold is ${hold.status}; it can no longer be released`, 'holdId');
      account.held -= hold.amount;
      const rows = await tx.query(`update credit_hold set status = 'released', closed_at = $2 where id = $1 returning ${HOLD_COLUMNS}`, [hold.id, now]);
      await within?.(tx, null);
      return toHold(rows[0]!);
    });
  }

  /** Gives back (part of) a spend as a new refund grant linked to it; never more than was spent (ledger.refund.ts). */
  async refund(cmd: RefundCommand): Promise<EntryResult> {
    const { now, apply } = refundOperation(cmd, this.clock.now());
    return this.mutate(cmd.userId, now, apply);
  }

  async setLowBalanceThreshold(userId: string, threshold: bigint): Promise<Balance> {
    if (typeof threshold !== 'bigint' || threshold < 0n) throw new BadUserInputError('Threshold must not be negative', 'threshold');
    if (threshold > MAX_AMOUNT_MICRO) positiveAmount(threshold, 'threshold');
    return this.mutate(userId, this.clock.now(), async (_tx, account) => {
      account.threshold = threshold;
      // Setting a threshold is not a crossing: arm the alert for the next fall below it.
      account.alerted = account.balance < threshold;
      return toBalance(account);
    });
  }

  /**
   * The balance as of the last change or sweep. A read takes no lock; credit past its expiry leaves
   * at the next change or sweep. One SELECT: an account exists from its first credit (sign-up's
   * bonus). Only a user who never had one (no sign-up bonus configured, a user made by a script or
   * a seed) misses it; the account is opened then, once, and read again.
   */
  async balance(userId: string): Promise<Balance> {
    if (!isUuid(userId)) throw new NotFoundError('User');
    const read = async () =>
      (await this.sql.query(`select id, user_id, balance, held, low_balance_threshold from credit_account where user_id = $1`, [userId]))[0];
    let row = await read();
    if (!row) {
      await this.sql.query(`insert into credit_account (id, user_id) select $2, id from app_user where id = $1 on conflict (user_id) do nothing`, [
        userId,
        randomUUID(),
      ]);
      row = await read();
    }
    if (!row) throw new NotFoundError('User');
    return toBalance({ id: row.id, userId: row.user_id, balance: BigInt(row.balance), held: BigInt(row.held), threshold: BigInt(row.low_balance_threshold) });
  }

  /**
   * Extends the deadline of active holds whose requests this process is still running (one
   * statement for all of them). Touches no balance, so it takes no account lock: a sweep that
   * expires a hold first wins, and the renewal then skips it (ledger.leases.ts).
   */
  async renewHolds(holdIds: string[], leaseSeconds: number): Promise<string[]> {
    if (holdIds.length === 0) return [];
    const rows = await this.sql.query(RENEW_HOLDS, [holdIds, new Date(this.clock.now().getTime() + leaseSeconds * 1000)]);
    return rows.map((r) => r.id as string);
  }

  /**
   * Expires grants and releases holds past their deadline (only holds with `holdsOnly`), a batch of
   * accounts at a time. Safe on several replicas at once: an account another transaction has
   * locked is skipped (SKIP LOCKED).
   */
  sweep(limit = 200, options: { holdsOnly?: boolean } = {}): Promise<{ accounts: number; grants: number; holds: number }> {
    return sweepDue(this.sql, this.clock.now(), { limit, holdsOnly: options.holdsOnly ?? false }, (saved) => this.publish(saved));
  }
}
