import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import type { Balance } from '../../ledger/index.js';
import { LedgerService } from '../../ledger/index.js';
import type { SettleCommand } from '../../ledger/index.js';
import type { GatewayService } from '../gateway.service.js';
import { gatewayOver } from './gateway-over.js';
import { ledgerAudit, newUser, signInAdmin, usageEntries } from './support.js';

/**
 * Faults that strike after a usage event has committed, where the caller must still get its answer.
 *
 * The ledger here is the real LedgerService on the app's database and pool, with one fault added
 * per test, because neither can be produced deterministically from the outside: a COMMIT that
 * succeeds but whose reply never arrives (that takes a TCP proxy cutting the connection between the
 * server's commit and its reply), and a balance read that fails only once the call's usage event
 * has committed (a statement fault would also hit the reads and writes before it). Every charge,
 * event and hold below is real; only the reply to `settle` or to `balance` is taken away.
 */

let t: TestApp;
let admin: string;
let gateway: GatewayService;
const lostReply = new Set<string>();
const readsFailAfterEvent = new Set<string>();

const usageEvents = (userId: string) =>
  withClient(
    t.databaseUrl,
    async (c) => (await c.query('select status, charged, hold_id from usage_event where user_id = $1 order by created_at', [userId])).rows,
  );

class FaultyLedger extends LedgerService {
  override async settle(cmd: SettleCommand) {
    const settled = await super.settle(cmd);
    if (lostReply.has(cmd.userId)) throw new Error('Connection terminated unexpectedly (test: the reply to COMMIT was lost)');
    return settled;
  }

  override async balance(userId: string): Promise<Balance> {
    if (readsFailAfterEvent.has(userId) && (await usageEvents(userId)).some((e) => e.status === 'cached')) {
      throw new Error('balance read failed (test fault)');
    }
    return super.balance(userId);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  const ledger = new FaultyLedger(t.app.sql, { balanceChanged: () => undefined, lowBalance: () => undefined });
  gateway = gatewayOver(t, { ledger });
});
afterAll(async () => {
  await t?.stop();
});

const accountOf = (userId: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query('select balance, held from credit_account where user_id = $1', [userId])).rows[0]);

describe('a settle whose commit succeeded but whose reply was lost', () => {
  it('is answered as the success it was, with its charge (not released, not an error)', async () => {
    const user = await newUser(t, admin, 'lost-reply');
    lostReply.add(user.id);
    const result = await gateway.complete({
      userId: user.id,
      apiKeyId: null,
      model: 'sandbox/echo',
      prompt: 'charged, so answered',
      maxTokens: 40,
      useCache: false,
    });
    expect(result.content).toBe('charged, so answered');
    expect(result.charged).toBeGreaterThan(0n);
    const account = await accountOf(user.id);
    expect({ balance: result.balance.balance, held: result.balance.held, available: result.available }).toEqual({
      balance: BigInt(account.balance),
      held: 0n,
      available: BigInt(account.balance),
    });
    const events = await usageEvents(user.id);
    expect(events.map((e) => [e.status, BigInt(e.charged)])).toEqual([['ok', result.charged]]);
    expect(await usageEntries(t, user.token)).toEqual([-result.charged]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

describe('a balance read that fails after a usage event committed', () => {
  it('does not turn a recorded cache hit (price 0) into an error', async () => {
    const user = await newUser(t, admin, 'read-after-commit');
    const input = { userId: user.id, apiKeyId: null, model: 'sandbox/echo', prompt: 'cached, then unreadable', maxTokens: 40, useCache: true };
    const first = await gateway.complete(input);
    readsFailAfterEvent.add(user.id);
    const hit = await gateway.complete(input);
    expect(hit.cached).toBe(true);
    expect(hit.charged).toBe(0n);
    expect(hit.content).toBe(first.content);
    // Nothing was charged by the hit: the balance read just before it committed is the balance after it.
    expect(hit.balance.balance).toBe(BigInt((await accountOf(user.id)).balance));
    expect((await usageEvents(user.id)).map((e) => e.status)).toEqual(['ok', 'cached']);
  });
});
