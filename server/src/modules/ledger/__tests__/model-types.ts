/** The reference model's state, its inputs and the outcomes it predicts (see reference-model.ts). */
import type { ErrorCode } from '../../../platform/errors.js';
import type { EntryType, GrantSource, HoldStatus } from '../ledger.domain.js';

export const DEFAULT_THRESHOLD = 5_000_000n;
export const DEFAULT_TTL_SECONDS = 15 * 60;
/**
 * Written out again rather than imported (this table and ENTRY_TYPE_OF_SOURCE), so a change to the
 * service's tables shows up as a difference.
 */
export const DEFAULT_PRIORITY: Record<GrantSource, number> = {
  signup: 10,
  coupon: 10,
  rollover: 20,
  subscription: 30,
  admin: 40,
  refund: 50,
  purchase: 60,
  gift: 45,
  referral: 10,
};
export const REFUND_PRIORITY = 50;
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
  { replayed: true; entryId: string; amount: bigint; type: EntryType } | { replayed: false; amount: bigint; balanceAfter: bigint; type: EntryType };

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
