import { MAX_CREDIT_AMOUNT_MICRO } from '@tollgate/shared';
/** The ledger's vocabulary. Amounts are bigint micro-credits throughout. */

export const GRANT_SOURCES = ['signup', 'purchase', 'subscription', 'coupon', 'admin', 'refund', 'rollover', 'gift', 'referral'] as const;
export type GrantSource = (typeof GRANT_SOURCES)[number];

export const ENTRY_TYPES = [
  'signup_bonus',
  'purchase',
  'subscription',
  'coupon',
  'admin_grant',
  'refund',
  'rollover',
  'usage',
  'admin_deduct',
  'expiry',
  'clawback',
  'gift_sent',
  'gift_received',
  'gift_returned',
  'referral_bonus',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const ENTRY_TYPE_OF_SOURCE: Record<GrantSource, EntryType> = {
  signup: 'signup_bonus',
  purchase: 'purchase',
  subscription: 'subscription',
  coupon: 'coupon',
  admin: 'admin_grant',
  refund: 'refund',
  rollover: 'rollover',
  gift: 'gift_received',
  referral: 'referral_bonus',
};

/** Spends that a refund may give back. */
export const REFUNDABLE_TYPES: readonly EntryType[] = ['usage', 'admin_deduct'];

/**
 * Burn order among grants: lower priority burns first. Promotional credit goes first (it is the
 * cheapest to us and usually expires), then allowances, and purchased credit last.
 */
export const DEFAULT_PRIORITY: Record<GrantSource, number> = {
  signup: 10,
  coupon: 10,
  rollover: 20,
  subscription: 30,
  admin: 40,
  refund: 50,
  purchase: 60,
  // A gift burns before the recipient's own purchases (it may be promotional credit passed on); a referral bonus is promotional.
  gift: 45,
  referral: 10,
};

/**
 * No single request may move more than this. A cap stops one bug or one fat-fingered admin
 * from moving a fortune: a million credits ($10,000 at the default rate).
 */
export const MAX_AMOUNT_MICRO = MAX_CREDIT_AMOUNT_MICRO; // @tollgate/shared: the web's forms cap at the same bound

export const DEFAULT_HOLD_TTL_SECONDS = 15 * 60;

export type ActorType = 'user' | 'admin' | 'system' | 'api_key';
export interface Actor {
  type: ActorType;
  id: string | null;
}
export const SYSTEM: Actor = { type: 'system', id: null };

export interface LedgerEntry {
  id: string;
  seq: bigint;
  accountId: string;
  type: EntryType;
  amount: bigint;
  balanceAfter: bigint;
  actorType: ActorType;
  actorId: string | null;
  reference: string | null;
  description: string;
  createdAt: Date;
  /** Attribution of a usage entry (and of a refund, the refunded entry's): the person and the API key that spent. */
  memberId?: string | null;
  apiKeyId?: string | null;
}

export interface CreditGrant {
  id: string;
  accountId: string;
  source: GrantSource;
  amount: bigint;
  remaining: bigint;
  priority: number;
  expiresAt: Date | null;
  reference: string | null;
  refundOfEntryId: string | null;
  createdAt: Date;
}

export type HoldStatus = 'active' | 'settled' | 'released' | 'expired';
export interface CreditHold {
  id: string;
  accountId: string;
  amount: bigint;
  status: HoldStatus;
  reference: string | null;
  expiresAt: Date;
  settledAmount: bigint | null;
  entryId: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

export interface Balance {
  accountId: string;
  userId: string;
  balance: bigint;
  held: bigint;
  available: bigint;
  lowBalanceThreshold: bigint;
  lowBalance: boolean;
}

/** What a money-moving call returns; `replayed` when an idempotent retry returned the first result. */
export interface EntryResult {
  entry: LedgerEntry;
  replayed: boolean;
  /** The account as the change left it (absent on a replay, which changed nothing). */
  balance?: Balance;
}
