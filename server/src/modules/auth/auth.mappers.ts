import type { SpendPeriod } from '@tollgate/shared';
import type { PeriodSpend } from '../ledger/index.js';
import type { ApiKeyView } from './api-key.service.js';
import type { ApiKey, User } from './auth.types.js';
import type { SpendCap as Cap } from './principal.js';
import type { CapSpend, SpendCapType } from './spend-cap.types.js';
import type { User as UserEntity } from './user.entity.js';

export function toUser(user: UserEntity): User {
  return { id: user.id, email: user.email, role: user.role, tierCode: user.tierCode, createdAt: user.createdAt };
}

/** A cap as stored (both columns set, or neither). */
export const storedCap = (micro: bigint | string | null | undefined, period: string | null | undefined): Cap | null =>
  micro != null && period != null ? { amountMicro: BigInt(micro), period: period as SpendPeriod } : null;

export const toSpendCap = (cap: Cap | null): SpendCapType | null => (cap ? { limit: cap.amountMicro, period: cap.period } : null);

/** A cap with the current period's spend; remaining never below 0 (a cap lowered under what was spent shows 0). */
export function toCapSpend(cap: Cap | null, spend: PeriodSpend | null | undefined): CapSpend | null {
  if (!cap || !spend) return null;
  const left = cap.amountMicro - spend.spentMicro;
  return { cap: toSpendCap(cap)!, spent: spend.spentMicro, remaining: left > 0n ? left : 0n, periodStart: spend.periodStart, resetsAt: spend.resetsAt };
}

export function toApiKey({ key, ownerEmail, spend }: ApiKeyView): ApiKey {
  const cap = storedCap(key.capMicro, key.capPeriod);
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: [...key.scopes],
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedAt: key.revokedAt ?? null,
    accountId: key.accountId,
    ownerEmail,
    cap: toSpendCap(cap),
    capSpend: toCapSpend(cap, spend),
    expiresAt: key.expiresAt ?? null,
    allowedModels: key.allowedModels ? [...key.allowedModels] : null,
  };
}
