import { formatCredits } from '@tollgate/shared';
import { BadUserInputError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { requestHash } from '../../platform/request-hash.js';
import type { Sql } from '../../platform/sql.js';
import { appendEntry, type LockedAccount } from './ledger.account.js';
import type { RefundCommand } from './ledger.commands.js';
import { DEFAULT_PRIORITY, REFUNDABLE_TYPES, type EntryResult } from './ledger.domain.js';
import { findEntry, insertGrant, replayEntry } from './ledger.queries.js';
import { idempotencyKey, positiveAmount, text } from './ledger.validate.js';

/**
 * A refund (LedgerService.refund): checked before the transaction, applied under the account's lock.
 * The refund entry carries the refunded entry's member and API key: the room it gives back is theirs,
 * and a spend cap counts it in the period it is made (docs/decisions/0056-spend-caps.md).
 */
export function refundOperation(cmd: RefundCommand, now: Date) {
  const key = idempotencyKey(cmd.idempotencyKey);
  const reason = text(cmd.reason, 'reason', { required: true })!;
  if (cmd.amount != null) positiveAmount(cmd.amount);
  if (!isUuid(cmd.entryId)) throw new NotFoundError('Entry');
  const hash = requestHash('refund', { entryId: cmd.entryId, amount: cmd.amount ?? null, reason });
  const apply = async (tx: Sql, account: LockedAccount): Promise<EntryResult> => {
    const replay = await replayEntry(tx, account.id, key, hash);
    if (replay) return replay;
    const spent = await findEntry(tx, account.id, cmd.entryId);
    if (!REFUNDABLE_TYPES.includes(spent.type)) throw new BadUserInputError('Only a spend can be refunded', 'transactionId');
    const [{ refunded }] = (await tx.query(`select coalesce(sum(amount), 0) as refunded from credit_grant where refund_of_entry_id = $1`, [spent.id])) as [
      { refunded: string },
    ];
    const refundable = -spent.amount - BigInt(refunded);
    const amount = cmd.amount ?? refundable;
    if (amount <= 0n || amount > refundable)
      throw new BadUserInputError(`At most ${formatCredits(refundable)} credits of this spend can still be refunded`, 'amount');
    const reference = `entry:${spent.id}`;
    const entry = await appendEntry(
      tx,
      account,
      { type: 'refund', amount, actor: cmd.actor, reference, description: reason, idempotencyKey: key, requestHash: hash, ...attributionOf(spent) },
      now,
    );
    await insertGrant(tx, {
      accountId: account.id,
      entryId: entry.id,
      source: 'refund',
      amount,
      priority: DEFAULT_PRIORITY.refund,
      expiresAt: null,
      reference,
      refundOf: spent.id,
      now,
    });
    return { entry, replayed: false };
  };
  return { now, apply };
}

const attributionOf = (e: { memberId?: string | null; apiKeyId?: string | null }) => ({ memberId: e.memberId ?? null, apiKeyId: e.apiKeyId ?? null });
