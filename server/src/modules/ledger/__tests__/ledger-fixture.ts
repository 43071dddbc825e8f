/**
 * The setup the LedgerService test files share: one harness (database and service) per test file,
 * and before each test empty ledger tables, a fresh user and no recorded events.
 *
 * `h`, `ledger` and `user` are live bindings set by the hooks `useLedgerFixture()` registers;
 * every test file gets its own copy of this module (vitest isolates test files).
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { auditLedger } from '../ledger.audit.js';
import type { LedgerService } from '../ledger.service.js';
import { resetLedger, startLedgerHarness, type LedgerHarness } from './ledger-harness.js';

export let h: LedgerHarness;
export let ledger: LedgerService;
/** The user each test starts with (created afresh before every test). */
export let user: string;

export function useLedgerFixture(options: { poolSize?: number } = {}): void {
  beforeAll(async () => {
    h = await startLedgerHarness(options);
    ledger = h.service;
  });

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(async () => {
    await resetLedger(h.sql);
    user = await h.createUser();
    h.events.clear();
  });
}

export async function expectAuditClean(): Promise<void> {
  expect((await auditLedger(h.sql)).violations).toEqual([]);
}
