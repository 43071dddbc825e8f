import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin, usageEntries } from './support.js';

/**
 * A settle that fails must give its hold back in the same request: held returns to 0 as the call
 * answers, not when the hold's lease or TTL runs out. The faults are real database faults.
 */

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id content charged balance { balance held available } } }`;

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}', PROVIDER_MAX_RETRIES: '0' });
  admin = await signInAdmin(t);
});
afterEach(async () => {
  fake.reset();
  await db(`drop trigger if exists refuse_usage_event on usage_event; drop function if exists refuse_usage_event()`);
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

const db = (sql: string, params: unknown[] = []) => withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows);

/** A fault inside the settle's own transaction: the usage event's insert raises (for `when`, or always). */
async function refuseUsageEvents(when = 'true'): Promise<void> {
  await db(`create function refuse_usage_event() returns trigger language plpgsql as $$
    begin if ${when} then raise exception 'usage_event refused (test fault)'; end if; return new; end $$`);
  await db(`create trigger refuse_usage_event before insert on usage_event for each row execute function refuse_usage_event()`);
}

const holdsOf = (userId: string) =>
  db(`select h.status from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = $1`, [userId]).then((rows) =>
    rows.map((r) => r.status),
  );

describe('a completion whose settle fails', () => {
  it('answers an error, charges nothing and releases its hold at once (held is 0 as the call answers)', async () => {
    const user = await newUser(t, admin, 'settle-fault');
    const before = await balanceOf(t, user.token);
    await refuseUsageEvents();
    const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'charge me if you can', maxTokens: 40, useCache: false } }, user.token);
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    // Read straight after the answer: no sweeper or lease had time to act.
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await holdsOf(user.id)).toEqual(['released']);
    expect(await usageEntries(t, user.token)).toEqual([]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });

  it('meters the failure with the release when only the successful event is refused', async () => {
    const user = await newUser(t, admin, 'settle-fault-metered');
    const before = await balanceOf(t, user.token);
    await refuseUsageEvents(`new.status = 'ok'`);
    const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'still not charged', maxTokens: 40, useCache: false } }, user.token);
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await holdsOf(user.id)).toEqual(['released']);
    const events = await db(`select status, error_code, charged, input_tokens from usage_event where user_id = $1`, [user.id]);
    expect(events).toEqual([{ status: 'error', error_code: 'SETTLE_FAILED', charged: '0', input_tokens: 0 }]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

describe('a provider answer PostgreSQL cannot store as text', () => {
  it('is delivered, charged and metered; the stored answer replays byte for byte', async () => {
    const user = await newUser(t, admin, 'nul-answer', 'starter');
    const reply = 'before\u0000after \ud800 lone';
    fake.set({ reply });
    const input = { model: 'openai/gpt-4o-mini', prompt: 'say something odd', maxTokens: 50, useCache: false, idempotencyKey: randomUUID() };
    const first = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');
    // A lone surrogate cannot cross JSON as itself: what matters is that the NUL arrives, and the replay equals the first answer.
    expect(first.content).toContain('before\u0000after');
    expect(parseCredits(first.charged)).toBeGreaterThan(0n);
    const after = await balanceOf(t, user.token);
    expect(after.held).toBe(0n);
    expect(await usageEntries(t, user.token)).toEqual([-parseCredits(first.charged)]);

    const again = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');
    expect(again).toEqual(first);
    expect(fake.requests).toHaveLength(1);
    expect(await balanceOf(t, user.token)).toEqual(after);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
