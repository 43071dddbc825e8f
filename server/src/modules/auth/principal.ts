import type { ApiKeyScope, Role, SpendPeriod, TeamRole } from '@tollgate/shared';

/** A spend cap: at most `amountMicro` per calendar `period` (UTC; docs/decisions/0056-spend-caps.md). */
export interface SpendCap {
  amountMicro: bigint;
  period: SpendPeriod;
}

/** The team a principal acts for, and the person's place in it. */
export interface ActingTeam {
  id: string;
  role: TeamRole;
  /** The member's own cap on this team, if an owner or admin set one. */
  cap: SpendCap | null;
}

/** What an API key may do beyond its scopes: its cap, expiry and model allow-list. */
export interface KeyLimits {
  cap: SpendCap | null;
  expiresAt: Date | null;
  /** Model ids the key may call; null: every model the account's tier allows. */
  models: readonly string[] | null;
}

/**
 * Who is calling: a signed-in user (session) or an integrator's API key, and for which account.
 *
 * `userId` is always the person (a key's owner). `accountId` is the account read and charged: the
 * person's own, or a team's when the session acts for a team (the `X-Tollgate-Account` header, or
 * `account` in a websocket's connection parameters) or the key belongs to a team
 * (docs/decisions/0055-teams.md). Anything about the person (profile, password, notifications, the
 * audit actor, rate limits) reads `userId`; anything about money, usage, keys, tiers and provider
 * keys reads `accountId`.
 */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'apiKey';
  /** The key's scopes; a session may do everything its role allows. */
  scopes: readonly ApiKeyScope[];
  apiKeyId?: string;
  /** The account acted for: `userId`, or `team.id`. */
  accountId: string;
  /** Set when acting for a team. */
  team: ActingTeam | null;
  /** Set for an API key. */
  key?: KeyLimits;
  /**
   * Set when the principal was served from the cache without its version read (authenticate's
   * `deferVersion`): whoever acts on it reads `read` from the backplane and calls `check` with the
   * value, which refuses (UNAUTHENTICATED, ACCOUNT_SUSPENDED) if the principal changed meanwhile,
   * and otherwise answers the principal as read afresh (its key's limits, its caps may have changed:
   * the caller acts as that one), or nothing when it is unchanged.
   */
  confirm?: { read: string; check(value: string | null): Promise<Principal | void>; fresh(): Promise<Principal> };
}

declare module '../../platform/context.js' {
  interface ContextParts {
    principal: Principal;
  }
}

// The rules @Authorized names live in requirements.ts; re-exported for the callers that check by hand.
export { unmetRequirement, type Requirement } from './requirements.js';
