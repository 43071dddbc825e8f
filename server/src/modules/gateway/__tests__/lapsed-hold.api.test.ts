import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, ledgerAudit, newUser, ok, setAvailable, signInAdmin, usageEntries, type User } from './support.js';

/**
 * A completion whose hold lapses while the provider is still answering (its process stalled past
 * the lease, and another replica's sweep expired the hold): the caller still gets its answer,
 * charged once from the available balance; when that no longer covers the cost, a clear
 * INSUFFICIENT_CREDITS with nothing charged (docs/decisions/0012, "A hold that lapsed under a live call").
 *
 * The provider is held at a gate (no timing): while the call waits there, the test lapses the hold
 * (`expires_at` in the past) and runs the holds sweep the way any replica would.
 */

/** The OpenAI fake, but a chat request waits at a gate the test opens. */
class GatedOpenAi extends FakeOpenAi {
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;
  private waiting: Array<() => void> = [];
  private arrivedCount = 0;

  closeGate(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  openGate(): void {
    this.gate = null;
    this.open();
  }

  /** Resolves once a request is waiting at the gate. */
  arrived(): Promise<void> {
    return this.arrivedCount > 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  protected override async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<boolean> {
    const gate = this.gate;
    if (gate && path === '/v1/chat/completions') {
      this.arrivedCount += 1;
      for (const w of this.waiting.splice(0)) w();
      await gate;
    }
    return super.route(method, path, body, res);
  }

  resetGate(): void {
    this.openGate();
    this.arrivedCount = 0;
  }
}

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id content charged balance { balance held available } } }`;

let t: TestApp;
let fake: GatedOpenAi;
let admin: string;

beforeAll(async () => {
  fake = await new GatedOpenAi().start();
  // No sweeper of its own (the test sweeps by hand) and no renewal tick during a test.
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: fake.baseURL,
    MODEL_FALLBACKS: '{}',
    PROVIDER_MAX_RETRIES: '0',
    LEDGER_SWEEP_SECONDS: '0',
    HOLD_LEASE_SECONDS: '600',
  });
  admin = await signInAdmin(t);
});
afterEach(() => {
  fake.resetGate();
  fake.reset();
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

const db = (sql: string, params: unknown[] = []) => withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows);

const holdsOf = (userId: string) =>
  db(`select h.status from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = $1`, [userId]).then((rows) =>
    rows.map((r) => r.status),
  );

const eventsOf = (userId: string) => db(`select status, error_code, charged from usage_event where user_id = $1 order by created_at`, [userId]);

/** Starts a completion and waits until it is at the provider, its hold taken; then lapses the hold and sweeps it. */
async function callWhoseHoldLapses(user: User, prompt: string) {
  fake.closeGate();
  const call = t.gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt, maxTokens: 50, useCache: false } }, user.token);
  const early = await Promise.race([fake.arrived().then(() => null), call]);
  if (early) throw new Error(`the call ended before it reached the provider: ${JSON.stringify(early.errors ?? early.data)}`);
  expect(await holdsOf(user.id)).toEqual(['active']);
  await db(
    `update credit_hold set expires_at = now() - interval '1 second' where status = 'active' and account_id = (select id from credit_account where user_id = $1)`,
    [user.id],
  );
  expect((await t.app.services.ledger.sweep(200, { holdsOnly: true })).holds).toBe(1);
  expect(await holdsOf(user.id)).toEqual(['expired']);
  expect((await balanceOf(t, user.token)).held).toBe(0n);
  return { call }; // wrapped: an async function returning the promise itself would wait for it
}

describe('a completion whose hold lapses while the provider answers', () => {
  it('answers the caller with the content, charged once from the available balance', async () => {
    const user = await newUser(t, admin, 'lapsed-covered', 'starter');
    const before = await balanceOf(t, user.token);
    const { call } = await callWhoseHoldLapses(user, 'answer me despite the stall');
    fake.openGate();
    const res = ok(await call, 'complete');
    expect(res.content).toBe('answer me despite the stall');
    const charged = parseCredits(res.charged);
    expect(charged).toBeGreaterThan(0n);
    expect(await usageEntries(t, user.token)).toEqual([-charged]);
    expect(await balanceOf(t, user.token)).toEqual({ balance: before.balance - charged, held: 0n, available: before.balance - charged });
    expect(await holdsOf(user.id)).toEqual(['settled']);
    expect(await eventsOf(user.id)).toEqual([{ status: 'ok', error_code: null, charged: String(charged) }]);
    expect(fake.requests).toHaveLength(1);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });

  it('answers INSUFFICIENT_CREDITS, charging nothing, when the credit the lapse freed was spent meanwhile', async () => {
    const user = await newUser(t, admin, 'lapsed-uncovered', 'starter');
    const { call } = await callWhoseHoldLapses(user, 'too late to pay for');
    await setAvailable(t, admin, user, 0n); // another request took what the lapse gave back
    const before = await balanceOf(t, user.token);
    fake.openGate();
    const res = await call;
    expect(errorCode(res)).toBe('INSUFFICIENT_CREDITS');
    expect(res.errors![0]!.message).toMatch(/lapsed/);
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await usageEntries(t, user.token)).toEqual([]);
    // Given back by the failure: released, so nothing can settle it later.
    expect(await holdsOf(user.id)).toEqual(['released']);
    expect(await eventsOf(user.id)).toEqual([{ status: 'error', error_code: 'HOLD_LAPSED', charged: '0' }]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
