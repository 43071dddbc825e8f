import { formatCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { countStatements } from '../../../test-support/statement-count.js';
import { ledgerAudit, ok, setAvailable, signInAdmin, startGatewayApp } from '../../gateway/__tests__/support.js';
import { person } from '../../teams/__tests__/teams-support.js';
import { API_KEYS, extensionsOf, makeKey, micro, refund, SET_LIMITS, spendOnce, spendToCap, sumOf, usageEntriesOfKey } from './key-limits-support.js';

/**
 * A key's capSpend is the spend the cap enforcement counts (docs/decisions/0056-spend-caps.md): after
 * real completions, a refund and a call moved out of the period, the read equals the `spentMicro` the
 * next refusal reports; a cap set at what was spent leaves 0 remaining and refuses the next call.
 */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startGatewayApp('key-spend');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
});

async function capSpendOf(token: string, keyId: string) {
  const keys = ok(await t.gql(API_KEYS, {}, token), 'apiKeys') as { id: string; capSpend: { spent: string; remaining: string } | null }[];
  const spend = keys.find((k) => k.id === keyId)!.capSpend!;
  return { spent: micro(spend.spent), remaining: micro(spend.remaining) };
}

describe("a key's period spend", () => {
  it('equals what the cap enforcement counts, after completions, a refund and a call from the previous period', async () => {
    const p = await person(t, 'ks-spend');
    await setAvailable(t, admin, p, micro('100'));
    const probe = await makeKey(t, p.token);
    const one = await spendOnce(t, probe.secret);
    if (!('charged' in one)) throw new Error(`probe call refused: ${JSON.stringify(one.refused.errors)}`);
    const cap = one.charged * 6n;
    const key = await makeKey(t, p.token, { cap: { limit: formatCredits(cap), period: 'DAY' } });

    const first = await spendToCap(t, key.secret);
    expect(first.charges.length, JSON.stringify(first.refusal.errors)).toBeGreaterThan(0);
    expect(errorCode(first.refusal)).toBe('TIER_LIMIT_EXCEEDED');
    expect(extensionsOf(first.refusal)).toMatchObject({ limit: 'spend_cap', capScope: 'key', capMicro: cap.toString(), period: 'day' });
    let read = await capSpendOf(p.token, key.id);
    expect(read.spent).toBe(sumOf(first.charges));
    expect(BigInt(extensionsOf(first.refusal).spentMicro)).toBe(read.spent);
    expect(read.remaining).toBe(cap - read.spent);

    // A refund of part of a call counts when it is made: the spend drops by it, and the enforcement agrees.
    const [latest] = await usageEntriesOfKey(t, key.id);
    const refunded = await refund(t, admin, p.id, latest!.id, formatCredits(latest!.amount / 2n));
    read = await capSpendOf(p.token, key.id);
    expect(read.spent).toBe(sumOf(first.charges) - refunded);

    // A call settled before today's start counts in its own period, not this one.
    const [, older] = await usageEntriesOfKey(t, key.id);
    await withClient(t.databaseUrl, (c) =>
      c.query(`update ledger_entry set created_at = date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - interval '1 minute' where id = $1`, [
        older!.id,
      ]),
    );
    const moved = read.spent - (await capSpendOf(p.token, key.id)).spent;
    expect(moved).toBe(older!.amount);

    const second = await spendToCap(t, key.secret);
    read = await capSpendOf(p.token, key.id);
    expect(read.spent).toBe(sumOf(first.charges) - refunded - older!.amount + sumOf(second.charges));
    expect(BigInt(extensionsOf(second.refusal).spentMicro)).toBe(read.spent);

    // A cap set at what was spent: nothing remains and the next call is refused, naming the same spend.
    const set = ok(await t.gql(SET_LIMITS, { i: { id: key.id, cap: { limit: formatCredits(read.spent), period: 'DAY' } } }, p.token), 'setApiKeyLimits');
    expect(set.capSpend.remaining).toBe('0.000000');
    const refused = await spendOnce(t, key.secret);
    expect('refused' in refused && errorCode(refused.refused)).toBe('TIER_LIMIT_EXCEEDED');
    if ('refused' in refused) expect(BigInt(extensionsOf(refused.refused).spentMicro)).toBe(read.spent);
  });

  it('reads the spend of every capped key in one statement', async () => {
    const p = await person(t, 'ks-batch');
    for (const period of ['DAY', 'WEEK', 'MONTH', 'DAY']) await makeKey(t, p.token, { cap: { limit: '5', period } });
    await makeKey(t, p.token);
    const { result, counted } = await countStatements(t, () => t.gql(API_KEYS, {}, p.token));
    const keys = ok(result, 'apiKeys') as { capSpend: unknown }[];
    expect(keys).toHaveLength(5);
    expect(keys.filter((k) => k.capSpend !== null)).toHaveLength(4);
    expect([...counted.sql, ...counted.orm].filter((s) => /ledger_key_spend|from ledger_entry/i.test(s))).toHaveLength(1);
  });

  it('ledgerAudit is clean', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
