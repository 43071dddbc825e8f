import type { Balance, CreditGrant as Grant, LedgerEntry } from './ledger.domain.js';
import type { AccountRow, Attribution, Page } from './ledger.reads.js';
import type { CreditBalance, CreditGrant, CreditTransaction, CreditTransactionConnection } from './ledger.types.js';

export function toCreditBalance(b: Pick<Balance, 'balance' | 'held' | 'lowBalanceThreshold'>): CreditBalance {
  return {
    balance: b.balance,
    held: b.held,
    available: b.balance - b.held,
    lowBalanceThreshold: b.lowBalanceThreshold,
    lowBalance: b.balance < b.lowBalanceThreshold,
  };
}

/** An entry read with its attribution (history) or without it (a command's answer: then none is shown). */
export function toTransaction(e: LedgerEntry & Partial<Attribution>): CreditTransaction {
  return {
    id: e.id,
    type: e.type,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    description: e.description,
    reference: e.reference,
    actorType: e.actorType,
    memberId: e.memberId ?? null,
    memberEmail: e.memberEmail ?? null,
    apiKeyId: e.apiKeyId ?? null,
    apiKeyName: e.apiKeyName ?? null,
    createdAt: e.createdAt,
  };
}

export function toConnection(page: Page<LedgerEntry & Attribution>): CreditTransactionConnection {
  return { nodes: page.nodes.map(toTransaction), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
}

export function toCreditGrant(g: Grant): CreditGrant {
  return { id: g.id, source: g.source, amount: g.amount, remaining: g.remaining, priority: g.priority, expiresAt: g.expiresAt, createdAt: g.createdAt };
}

/** What travels through pub/sub (JSON: no bigint), and back. */
export interface BalancePayload {
  userId: string;
  balance: string;
  held: string;
  lowBalanceThreshold: string;
}

export function toPayload(b: Balance): BalancePayload {
  return { userId: b.userId, balance: b.balance.toString(), held: b.held.toString(), lowBalanceThreshold: b.lowBalanceThreshold.toString() };
}

export function fromPayload(p: BalancePayload): CreditBalance {
  return toCreditBalance({ balance: BigInt(p.balance), held: BigInt(p.held), lowBalanceThreshold: BigInt(p.lowBalanceThreshold) });
}

export type AdminAccountRow = AccountRow;
