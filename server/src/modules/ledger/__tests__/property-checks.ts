/** Compares what the service answered with what the reference model expects (see property-sequence.ts). */
import type { Op } from './property-concretise.js';
import type { Accepted, EntryExpectation } from './reference-model.js';

/** Fails the sequence unless `actual` and `expected` agree. */
export type Same = (what: string, actual: unknown, expected: unknown) => void;

/** Compares a successful result with the model's expectation; returns the id of what it created. */
export function checkResult(op: Op, outcome: Accepted<any>, value: any, same: Same): string | null {
  switch (op.op) {
    case 'grant':
    case 'spend':
    case 'refund': {
      const e = outcome.expected as EntryExpectation;
      same(`${op.op} replayed`, value.replayed, e.replayed);
      same(`${op.op} entry type`, value.entry.type, e.type);
      same(`${op.op} entry amount`, value.entry.amount, e.amount);
      if (e.replayed) {
        same(`${op.op} replayed entry id`, value.entry.id, e.entryId);
      } else {
        same(`${op.op} balance after`, value.entry.balanceAfter, e.balanceAfter);
      }
      return value.entry.id;
    }
    case 'hold': {
      const e = outcome.expected;
      same('hold replayed', value.replayed, e.replayed);
      same('hold amount', value.hold.amount, e.amount);
      if (e.replayed) {
        same('replayed hold id', value.hold.id, e.holdId);
        same('replayed hold status', value.hold.status, e.status);
      } else {
        same('new hold status', value.hold.status, 'active');
        same('hold expiry', value.hold.expiresAt.getTime(), e.expiresAt);
      }
      return value.hold.id;
    }
    case 'settle': {
      const e = outcome.expected;
      same('settle replayed', value.replayed, e.replayed);
      same('settled hold', [value.hold.id, value.hold.status, value.hold.settledAmount], [e.holdId, 'settled', e.settledAmount]);
      same('settle entry amount', value.entry?.amount ?? null, e.entryAmount);
      if (e.entryId !== 'new') same('settle entry id', value.entry?.id ?? null, e.entryId);
      return value.entry?.id ?? null;
    }
    case 'release':
      same('released hold', [value.id, value.status], [op.holdId, outcome.expected.status]);
      return null;
    case 'threshold':
      same('threshold balance', value.balance, outcome.expected.balance);
      return null;
    case 'sweep':
      return null;
  }
}
