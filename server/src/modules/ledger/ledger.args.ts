import { BadUserInputError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { pageSize, seqCursor } from '../../platform/paging.js';
import type { Principal } from '../auth/index.js';
import type { Actor, EntryType } from './ledger.domain.js';
import type { HistoryFilter } from './ledger.reads.js';
import type { GrantCommand, RefundCommand, SpendCommand } from './ledger.service.js';
import type { AdminCreditInput, AdminRefundInput } from './ledger.types.js';

/**
 * The ledger's GraphQL arguments turned into its commands and filters, checked here so its
 * resolvers only map: arguments → one of these → a service call → a GraphQL type. The amount,
 * idempotency key and texts are the service's own checks (ledger.validate.ts).
 */
export const MAX_PAGE_SIZE = 100;

export interface HistoryArgs {
  first?: number | null;
  after?: string | null;
  types?: EntryType[] | null;
  from?: Date | null;
  to?: Date | null;
  memberId?: string | null;
  apiKeyId?: string | null;
}

/** An id filter: a UUID, or BAD_USER_INPUT (it would fail PostgreSQL's uuid cast: a 500). */
function idFilter(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isUuid(value)) throw new BadUserInputError(`${field} is not an id`, field);
  return value;
}

/**
 * Whose entries the caller may read on the acting account: acting for a team as a plain member,
 * only their own, whatever filter they passed; otherwise the filter asked for (docs/decisions/0057-team-billing.md).
 */
export function visibleMember(principal: Pick<Principal, 'userId' | 'team'>, requested: string | null | undefined): string | null | undefined {
  return principal.team?.role === 'member' ? principal.userId : requested;
}

/** A page of the history, newest first: first 1..100 (20 by default), after a seq cursor, from ≤ to. */
export function historyFilter(args: HistoryArgs): HistoryFilter {
  const first = pageSize(args.first, 20, MAX_PAGE_SIZE);
  const after = seqCursor(args.after);
  if (args.from && args.to && args.from.getTime() > args.to.getTime()) throw new BadUserInputError('from must not be after to', 'from');
  return {
    first,
    after,
    types: args.types ?? null,
    from: args.from ?? null,
    to: args.to ?? null,
    memberId: idFilter(args.memberId, 'memberId'),
    apiKeyId: idFilter(args.apiKeyId, 'apiKeyId'),
  };
}

/** The admin's accounts list: first 1..100 (25 by default); a blank search is none. */
export function accountsPage(search: string | null | undefined, first: number | null | undefined): { search: string | null; first: number } {
  return { first: pageSize(first, 25, MAX_PAGE_SIZE), search: search?.trim() || null };
}

/** An admin's grant, deduction or refund must say why (it is the entry's description). */
function requiredReason(reason: string): string {
  if (!reason || reason.trim().length === 0) throw new BadUserInputError('A reason is required', 'reason');
  return reason;
}

export const adminGrant = (input: AdminCreditInput, actor: Actor): GrantCommand => ({
  userId: input.userId,
  source: 'admin',
  amount: input.amount,
  idempotencyKey: input.idempotencyKey,
  actor,
  expiresAt: input.expiresAt ?? null,
  description: requiredReason(input.reason),
});

export function adminDeduct(input: AdminCreditInput, actor: Actor): SpendCommand {
  if (input.expiresAt) throw new BadUserInputError('expiresAt applies to grants only', 'expiresAt');
  return {
    userId: input.userId,
    type: 'admin_deduct',
    amount: input.amount,
    idempotencyKey: input.idempotencyKey,
    actor,
    description: requiredReason(input.reason),
  };
}

export const adminRefund = (input: AdminRefundInput, actor: Actor): RefundCommand => ({
  userId: input.userId,
  entryId: input.transactionId,
  amount: input.amount ?? null,
  reason: requiredReason(input.reason),
  idempotencyKey: input.idempotencyKey,
  actor,
});
