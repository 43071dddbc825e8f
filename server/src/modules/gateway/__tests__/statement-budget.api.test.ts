import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test-support/app.js';
import { countStatements, type Counted } from '../../../test-support/statement-count.js';
import { COMPLETE, keyFor, ledgerAudit, newUser, ok, signInAdmin, startGatewayApp } from './support.js';
import { setKeyCap } from './caps-support.js';

/**
 * The statements one completion sends to PostgreSQL, counted on the app's own pools (the ledger's
 * SqlPool and the ORM's), for a call that holds and settles and for one that moves no money (a
 * free cache hit). The budgets are the counts this path needs after issue 13's settle-and-usage
 * work (docs/decisions/0035-settle-and-usage-reads.md): a regression that adds a read fails here.
 */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startGatewayApp('stmt');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
});

const ask = (prompt: string, useCache = false) => ({ i: { model: 'sandbox/echo', prompt, maxTokens: 20, useCache } });
const show = (c: Counted) => JSON.stringify({ sql: c.sql.map((s) => s.replace(/\s+/g, ' ').slice(0, 90)), orm: c.orm.map((s) => s.slice(0, 90)) }, null, 1);
const settleReads = (c: Counted) => c.sql.filter((s) => /insert into credit_account/.test(s) && !/for update/.test(s));
const monthReads = (c: Counted) => c.sql.filter((s) => /from usage_daily/.test(s));

describe('statements per completion', () => {
  it('a charged completion: the month read once, no balance read after the settle, within the budget', async () => {
    const user = await newUser(t, admin, 'stmt');
    ok(await t.gql(COMPLETE, ask('warm the caches'), user.token), 'complete');
    const { result, counted } = await countStatements(t, () => t.gql(COMPLETE, ask('count my statements'), user.token));
    expect(result.errors).toBeUndefined();
    console.log(`charged completion: ${counted.sql.length} ledger-pool + ${counted.orm.length} ORM statements\n${show(counted)}`);
    expect(monthReads(counted)).toHaveLength(1);
    expect(settleReads(counted)).toEqual([]);
    expect(counted.sql.filter((s) => /from credit_account where user_id/.test(s) && !/for update/.test(s))).toEqual([]);
    // The hold (with the month's check) and the settle (with the usage event) are one statement each: no transaction block.
    expect(counted.sql.filter((s) => s.trim() === 'begin')).toHaveLength(0);
    expect(counted.sql.filter((s) => /insert into credit_hold/.test(s) && /from usage_daily/.test(s))).toHaveLength(1);
    expect(counted.sql.filter((s) => /ledger_settle_hold/.test(s) && /insert into usage_event/.test(s))).toHaveLength(1);
    expect(counted.sql.length).toBeLessThanOrEqual(BUDGET.charged);
  });

  it('a free cache hit: one balance read (a plain SELECT), the month read once', async () => {
    const user = await newUser(t, admin, 'stmt-hit');
    ok(await t.gql(COMPLETE, ask('cache me', true), user.token), 'complete');
    const { result, counted } = await countStatements(t, () => t.gql(COMPLETE, ask('cache me', true), user.token));
    expect(result.errors).toBeUndefined();
    console.log(`free cache hit: ${counted.sql.length} ledger-pool + ${counted.orm.length} ORM statements\n${show(counted)}`);
    expect(monthReads(counted)).toHaveLength(1);
    expect(settleReads(counted)).toEqual([]);
    expect(counted.sql.filter((s) => /from credit_account/.test(s))).toHaveLength(1);
    expect(counted.sql.length).toBeLessThanOrEqual(BUDGET.cacheHit);
  });

  it('a capped completion (a key with a spend cap): still the hold and the settle, the caps read inside the hold', async () => {
    const user = await newUser(t, admin, 'stmt-cap');
    const key = await keyFor(t, user, ['completions']);
    await setKeyCap(t, key.id, user.id, 1_000_000_000n, 'day');
    ok(await t.gql(COMPLETE, ask('warm the caches'), key.secret), 'complete');
    const { result, counted } = await countStatements(t, () => t.gql(COMPLETE, ask('count my capped statements'), key.secret));
    expect(result.errors).toBeUndefined();
    console.log(`capped completion: ${counted.sql.length} ledger-pool + ${counted.orm.length} ORM statements\n${show(counted)}`);
    expect(monthReads(counted)).toHaveLength(1);
    expect(counted.sql.filter((s) => s.trim() === 'begin')).toHaveLength(0);
    expect(counted.sql.filter((s) => /ledger_hold_capped/.test(s) && /from usage_daily/.test(s))).toHaveLength(1);
    expect(counted.sql.filter((s) => /ledger_settle_hold/.test(s) && /insert into usage_event/.test(s))).toHaveLength(1);
    expect(counted.sql.length).toBeLessThanOrEqual(BUDGET.charged);
  });

  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

/**
 * Ledger-pool statements per completion: before issue 13 19 (charged) and 9 (free cache hit), plus
 * one ORM read each; now the hold and the settle, each one statement (the tier and keys are cached).
 */
const BUDGET = { charged: 2, cacheHit: 3 };
