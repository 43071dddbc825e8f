import type { Principal } from '../auth/index.js';
import type { Caller } from './gateway.domain.js';

/**
 * The gateway's caller for a principal, the same for every transport (GraphQL, /v1 chat, /v1/messages,
 * /v1/embeddings): the account charged is `accountId` (a team's, acting for it), the person is
 * `userId`, and a key's or member's cap sends the hold down the capped path
 * (docs/decisions/0056-spend-caps.md).
 */
export function callerOf(principal: Principal): Caller {
  return {
    userId: principal.accountId,
    memberId: principal.userId,
    apiKeyId: principal.apiKeyId ?? null,
    limits: { capped: Boolean(principal.key?.cap || principal.team?.cap), models: principal.key?.models ?? null },
  };
}

/** The person behind a caller: the per-minute limits and the principal's version key are theirs. */
export const personOf = (caller: Caller): string => caller.memberId ?? caller.userId;

/** What a hold carries of its caller: who spent, with which key, and whether a cap applies. */
export const attribution = (caller: Caller): { memberId: string; apiKeyId: string | null; capped: boolean } => ({
  memberId: personOf(caller),
  apiKeyId: caller.apiKeyId,
  capped: caller.limits?.capped ?? false,
});
