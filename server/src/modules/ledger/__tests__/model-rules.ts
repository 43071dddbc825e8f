/** The reference model's refusals, input checks and the per-account steps every operation shares. */
import type { ErrorCode } from '../../../platform/errors.js';
import { MAX_AMOUNT_MICRO, type EntryType } from '../ledger.domain.js';
import type { EntryExpectation, ModelAccount, ModelEntry, ModelHold } from './model-types.js';

/** Thrown inside an operation to refuse it; LedgerModel turns it into a `Refused` outcome. */
export class Refusal extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}
export const refuse = (code: ErrorCode): never => {
  throw new Refusal(code);
};

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function positive(amount: bigint): bigint {
  if (amount <= 0n || amount > MAX_AMOUNT_MICRO) refuse('BAD_USER_INPUT');
  return amount;
}

export function validKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200) refuse('BAD_USER_INPUT');
  return trimmed;
}

/** A request's signature: a replay must match it, or the key is in conflict. */
export const sig = (...parts: unknown[]) => JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? `${v}` : v));

export function cloneAccount(a: ModelAccount): ModelAccount {
  const entries = a.entries.map((e) => ({ ...e }));
  const byOld = new Map(a.entries.map((e, i) => [e, entries[i]!]));
  return {
    ...a,
    grants: a.grants.map((g) => ({ ...g })),
    holds: a.holds.map((h) => ({ ...h })),
    entries,
    entryKeys: new Map([...a.entryKeys].map(([k, v]) => [k, { sig: v.sig, entry: byOld.get(v.entry)! }])),
    holdKeys: new Map(a.holdKeys),
    refunded: new Map(a.refunded),
  };
}

/** What a saved account publishes: when it differs after an operation, balanceChanged fires. */
export const stateOf = (a: ModelAccount) => `${a.balance}/${a.held}/${a.threshold}/${a.alerted}`;

/** Saving an account: a fall from at-or-above the threshold to below it fires one alert. */
export function save(a: ModelAccount, lockedBalance: bigint): boolean {
  const below = a.balance < a.threshold;
  const fire = below && !a.alerted && a.balance < lockedBalance;
  a.alerted = below;
  if (fire) a.alerts += 1;
  return fire;
}

export function append(a: ModelAccount, type: EntryType, amount: bigint): ModelEntry {
  a.balance += amount;
  const entry: ModelEntry = { id: null, type, amount, balanceAfter: a.balance };
  a.entries.push(entry);
  return entry;
}

export function findReplay(a: ModelAccount, key: string, requestSig: string): { expected: EntryExpectation; bind: () => void } | null {
  const found = a.entryKeys.get(key);
  if (!found) return null;
  if (found.sig !== requestSig) refuse('IDEMPOTENCY_CONFLICT');
  return { expected: { replayed: true, entryId: found.entry.id!, amount: found.entry.amount, type: found.entry.type }, bind: () => undefined };
}

export function findHold(a: ModelAccount, holdId: string): ModelHold {
  if (!UUID_RE.test(holdId)) refuse('NOT_FOUND');
  return a.holds.find((h) => h.id === holdId) ?? refuse('NOT_FOUND');
}
