import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backplane } from '../../../platform/backplane/index.js';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { LedgerService } from '../../ledger/index.js';
import type { GatewayService } from '../gateway.service.js';
import { gatewayOver } from './gateway-over.js';
import { ledgerAudit, newUser, signInAdmin, usageEntries } from './support.js';

/**
 * Once the settle has committed, the caller is charged: nothing after it may turn the call into an
 * error. The gateway here runs on the real database, ledger and Redis; only what comes after the
 * commit is made to fail: storing the answer in the cache, publishing the balance, the allowance
 * check, and freeing the idempotency claim (as when Redis goes away at that moment).
 */

let t: TestApp;
let admin: string;
let gateway: GatewayService;
const faults: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  const fail = (what: string) => {
    faults.push(what);
    throw new Error(`${what} failed (test fault)`);
  };
  const backplane: Backplane = {
    ...t.app.backplane,
    cacheSet: async () => fail('cache store'),
    reset: async () => fail('claim release'),
  };
  // The same database and pool as the app; only its after-commit publish throws.
  const ledger = new LedgerService(t.app.sql, { balanceChanged: () => fail('balance publish'), lowBalance: () => fail('low balance publish') });
  gateway = gatewayOver(t, { ledger, backplane, afterUsage: async () => fail('allowance check') });
});
afterAll(async () => {
  await t?.stop();
});

const accountOf = (userId: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query('select balance, held from credit_account where user_id = $1', [userId])).rows[0]);

describe('after the charge commits', () => {
  it('answers the call, with the balance the settle left, though the cache, publish, alerts and claim release all fail', async () => {
    const user = await newUser(t, admin, 'after-commit');
    const result = await gateway.complete({
      userId: user.id,
      apiKeyId: null,
      model: 'sandbox/echo',
      prompt: 'paid for, so answered',
      maxTokens: 40,
      useCache: true,
      idempotencyKey: randomUUID(),
    });
    expect(faults).toEqual(expect.arrayContaining(['cache store', 'balance publish', 'allowance check', 'claim release']));
    expect(result.content).toBe('paid for, so answered');
    expect(result.charged).toBeGreaterThan(0n);
    const account = await accountOf(user.id);
    expect({ balance: result.balance.balance, held: result.balance.held, available: result.available }).toEqual({
      balance: BigInt(account.balance),
      held: 0n,
      available: BigInt(account.balance),
    });
    expect(await usageEntries(t, user.token)).toEqual([-result.charged]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
