import type { Row } from '../../platform/sql.js';
import type { CreditGrant, CreditHold, LedgerEntry } from './ledger.domain.js';

export const ENTRY_COLUMNS =
  'id, seq, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, created_at, member_id, api_key_id';
export const GRANT_COLUMNS = 'id, account_id, source, amount, remaining, priority, expires_at, reference, refund_of_entry_id, created_at';
export const HOLD_COLUMNS = 'id, account_id, amount, status, reference, expires_at, settled_amount, entry_id, created_at, closed_at';

export function toEntry(r: Row): LedgerEntry {
  return {
    id: r.id,
    seq: BigInt(r.seq),
    accountId: r.account_id,
    type: r.type,
    amount: BigInt(r.amount),
    balanceAfter: BigInt(r.balance_after),
    actorType: r.actor_type,
    actorId: r.actor_id,
    reference: r.reference,
    description: r.description,
    createdAt: new Date(r.created_at),
    memberId: r.member_id ?? null,
    apiKeyId: r.api_key_id ?? null,
  };
}

export function toGrant(r: Row): CreditGrant {
  return {
    id: r.id,
    accountId: r.account_id,
    source: r.source,
    amount: BigInt(r.amount),
    remaining: BigInt(r.remaining),
    priority: Number(r.priority),
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
    reference: r.reference,
    refundOfEntryId: r.refund_of_entry_id,
    createdAt: new Date(r.created_at),
  };
}

export function toHold(r: Row): CreditHold {
  return {
    id: r.id,
    accountId: r.account_id,
    amount: BigInt(r.amount),
    status: r.status,
    reference: r.reference,
    expiresAt: new Date(r.expires_at),
    settledAmount: r.settled_amount === null ? null : BigInt(r.settled_amount),
    entryId: r.entry_id,
    createdAt: new Date(r.created_at),
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
  };
}
