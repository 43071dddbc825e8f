import { randomUUID } from 'node:crypto';
import { BadUserInputError, IdempotencyConflictError, InsufficientCreditsError, NotFoundError } from '../../platform/errors.js';
import type { Sql, SqlPool } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { requestHash } from '../../platform/request-hash.js';
import { lockAccount, saveAccount, type LockedAccount } from './ledger.account.js';
import { expireDue } from './ledger.burn.js';
import { DEFAULT_HOLD_TTL_SECONDS, type Balance, type CreditHold } from './ledger.domain.js';
import type { NewHold } from './ledger.hold.js';
import { checkCaps } from './ledger.caps.js';
import { HOLD_COLUMNS, toHold } from './ledger.rows.js';
import { idempotencyKey, positiveAmount, text } from './ledger.validate.js';
import type { HoldCommand, LedgerEvents } from './ledger.commands.js';

/**
 * What every ledger operation is built on (LedgerService's base): one transaction per account
 * change (lock, expire what is due, change, save, commit, then publish), and the general path of a
 * hold, which the one-statement hold falls back to.
 */
export abstract class LedgerCore {
  constructor(
    protected readonly sql: SqlPool,
    protected readonly events: LedgerEvents,
    protected readonly clock: Clock = systemClock,
  ) {}

  protected newHold(cmd: HoldCommand): NewHold {
    const amount = positiveAmount(cmd.amount);
    const key = idempotencyKey(cmd.idempotencyKey);
    const ttl = cmd.ttlSeconds ?? DEFAULT_HOLD_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 3600) throw new BadUserInputError('ttlSeconds must be 1 to 86400', 'ttlSeconds');
    const reference = text(cmd.reference, 'reference', { max: 200 });
    const hash = requestHash('hold', { amount, ttl, reference });
    const now = this.clock.now();
    if (!isUuid(cmd.userId)) throw new NotFoundError('User');
    const memberId = cmd.memberId ?? null;
    const apiKeyId = cmd.apiKeyId ?? null;
    if ((memberId !== null && !isUuid(memberId)) || (apiKeyId !== null && !isUuid(apiKeyId))) throw new NotFoundError('User');
    const expiresAt = new Date(now.getTime() + ttl * 1000);
    return { userId: cmd.userId, amount, reference, key, hash, expiresAt, now, memberId, apiKeyId, capped: cmd.capped === true };
  }

  /** Opens, expires, replays or refuses as every ledger operation does, then holds. */
  protected holdGeneral(h: NewHold): Promise<{ hold: CreditHold; replayed: boolean }> {
    const { userId, amount, reference, key, hash, expiresAt, now, memberId, apiKeyId } = h;
    return this.mutate(userId, now, async (tx, account) => {
      const existing = (
        await tx.query(`select ${HOLD_COLUMNS}, request_hash from credit_hold where account_id = $1 and idempotency_key = $2`, [account.id, key])
      )[0];
      if (existing) {
        if (existing.request_hash !== hash) throw new IdempotencyConflictError(key);
        return { hold: toHold(existing), replayed: true };
      }
      // Under the lock, with what was due expired: the caps as the capped statement checks them.
      if (h.capped) await checkCaps(tx, account, h);
      const available = account.balance - account.held;
      if (amount > available) throw new InsufficientCreditsError(amount, available);
      account.held += amount;
      const rows = await tx.query(
        `insert into credit_hold (id, account_id, amount, reference, idempotency_key, request_hash, expires_at, created_at, member_id, api_key_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${HOLD_COLUMNS}`,
        [randomUUID(), account.id, amount, reference, key, hash, expiresAt, now, memberId, apiKeyId],
      );
      return { hold: toHold(rows[0]!), replayed: false };
    });
  }

  /** One transaction on one account; publishes after commit when anything about the account moved. */
  protected async mutate<T>(userId: string, now: Date, fn: (tx: Sql, account: LockedAccount) => Promise<T>): Promise<T> {
    const { result, saved } = await this.sql.transaction((tx) => this.applyLocked(tx, userId, now, fn));
    if (saved) this.publish(saved);
    return result;
  }

  /** Lock → expire what is due → change → save, in the given transaction; publishing is the committer's. */
  protected async applyLocked<T>(tx: Sql, userId: string, now: Date, fn: (tx: Sql, account: LockedAccount) => Promise<T>) {
    const account = await lockAccount(tx, userId, now);
    const before = `${account.balance}/${account.held}/${account.threshold}/${account.alerted}`;
    await expireDue(tx, account, now);
    const result = await fn(tx, account);
    const after = `${account.balance}/${account.held}/${account.threshold}/${account.alerted}`;
    return { result, saved: after !== before ? await saveAccount(tx, account, now) : null };
  }

  protected publish(saved: { balance: Balance; alert: unknown }): void {
    // After commit: a publish that fails (pub/sub down) must not turn a committed change into an
    // error. LedgerEvents implementations log their own failures.
    try {
      this.events.balanceChanged(saved.balance);
      if (saved.alert) this.events.lowBalance(saved.balance);
    } catch {
      /* logged by the events implementation */
    }
  }
}
